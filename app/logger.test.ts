import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.js";

function collectingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: "debug", format: "json", destination });
  return { logger, output: () => lines.join("") };
}

describe("logger redaction", () => {
  it("drops message text, phone numbers and codice fiscale under known keys", () => {
    const { logger, output } = collectingLogger();
    logger.info(
      { text: "mi chiamo Mario", phone: "+39 333 1234567", codiceFiscale: "RSSMRA80A01L219M", chatId: "abc" },
      "inbound",
    );
    const logged = output();
    expect(logged).toContain('"chatId":"abc"');
    expect(logged).not.toContain("Mario");
    expect(logged).not.toContain("1234567");
    expect(logged).not.toContain("RSSMRA80A01L219M");
  });

  it("scrubs patterns found anywhere, including error messages and the message itself", () => {
    const { logger, output } = collectingLogger();
    const error = new Error("cannot reach 393331234567@s.whatsapp.net for RSSMRA80A01L219M");
    logger.error(
      { err: error, note: "token 123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
      "failed for +39 333 123 4567",
    );
    const logged = output();
    expect(logged).not.toMatch(/3331234567|RSSMRA80A01L219M|AAAAAAAAAAAAAAA|333 123 4567/);
    expect(logged).toContain("[jid]");
    expect(logged).toContain("[cf]");
    expect(logged).toContain("[token]");
    expect(logged).toContain("[phone]");
    expect(JSON.parse(logged).err.type).toBe("Error");
  });

  it("keeps the error's own type", () => {
    const { logger, output } = collectingLogger();
    class BookingStoreError extends Error {}
    logger.error({ err: new BookingStoreError("down") }, "failed");
    expect(JSON.parse(output()).err).toMatchObject({ type: "BookingStoreError", message: "down" });
  });

  it("hides passwords inside connection URLs", () => {
    const { logger, output } = collectingLogger();
    logger.warn({ url: "postgresql://app:s3cret@db:5432/sportello" }, "db");
    expect(output()).toContain("postgresql://app:[redacted]@db:5432/sportello");
  });

  it("is silent when the level is silent", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _e, done) {
        lines.push(String(chunk));
        done();
      },
    });
    createLogger({ level: "silent", format: "json", destination }).error("nothing");
    expect(lines).toEqual([]);
  });
});
