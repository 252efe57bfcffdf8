import { describe, expect, it } from "vitest";
import { boundaryOf, parseMultipart } from "./multipart.js";

const b = "----------abc123";

function body(...parts: (string | Buffer)[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p)));
}

describe("parseMultipart", () => {
  it("reads grammY's compact headers (no spaces, unquoted filename) and keeps binary bytes intact", () => {
    const bytes = Buffer.from([0, 13, 10, 45, 45, 255, 1]);
    const parsed = parseMultipart(
      body(
        `--${b}\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42`,
        `\r\n--${b}\r\ncontent-disposition:form-data;name="document"\r\n\r\nattach://xyz`,
        `\r\n--${b}\r\ncontent-disposition:form-data;name="xyz";filename=prenotazione.ics\r\ncontent-type:application/octet-stream\r\n\r\n`,
        bytes,
        `\r\n--${b}--\r\n`,
      ),
      b,
    );
    expect(parsed.fields).toEqual({ chat_id: "42", document: "attach://xyz" });
    expect(parsed.files.get("xyz")).toEqual({
      field: "xyz",
      filename: "prenotazione.ics",
      contentType: "application/octet-stream",
      bytes,
    });
  });

  it("reads standard headers, quoted names and RFC 5987 filenames", () => {
    const parsed = parseMultipart(
      body(
        `preamble\r\n--${b}\r\nContent-Disposition: form-data; name="caption"\r\n\r\nciao; a tutti\r\n`,
        `--${b}\r\nContent-Disposition: form-data; name="document"; filename="a b.txt"; filename*=UTF-8''na%C3%AFve.txt\r\nContent-Type: text/plain\r\n\r\nhello\r\n`,
        `--${b}--`,
      ),
      b,
    );
    expect(parsed.fields).toEqual({ caption: "ciao; a tutti" });
    expect(parsed.files.get("document")).toMatchObject({ filename: "naïve.txt", contentType: "text/plain" });
    expect(parsed.files.get("document")?.bytes.toString()).toBe("hello");
  });

  it("finds the boundary in the Content-Type and rejects bodies without it", () => {
    expect(boundaryOf(`multipart/form-data; boundary=${b}`)).toBe(b);
    expect(boundaryOf('multipart/form-data; boundary="quoted"')).toBe("quoted");
    expect(() => parseMultipart(Buffer.from("nothing"), b)).toThrow(/boundary not found/);
  });
});
