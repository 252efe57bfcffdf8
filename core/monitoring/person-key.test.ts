import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkDocumentNumber, normaliseDocumentNumber, personKey } from "./person-key.js";
import { syntheticFiscalCode } from "./synthetic-fiscal-code.js";

const key = randomBytes(32);

describe("personKey", () => {
  it("is the same for one codice fiscale however it is typed", () => {
    const a = personKey(key, { kind: "fiscal_code", code: "RSSMRA85T10A562S" });
    expect(personKey(key, { kind: "fiscal_code", code: " rss mra 85t10 a562s " })).toBe(a);
    expect(personKey(key, { kind: "fiscal_code", code: "RSSMRA85T10A562S\n" })).toBe(a);
    expect(a).toMatch(/^h1:[A-Za-z0-9_-]{43}$/);
    expect(a).not.toContain("RSSMRA");
  });

  it("tells different people apart, an omocodic code included", () => {
    const base = syntheticFiscalCode({ birthDate: "1950-01-01", sex: "M" });
    const omocodic = syntheticFiscalCode({ birthDate: "1950-01-01", sex: "M", omocodia: 1 });
    expect(personKey(key, { kind: "fiscal_code", code: base })).not.toBe(
      personKey(key, { kind: "fiscal_code", code: omocodic }),
    );
  });

  it("keys documents by type and normalised number", () => {
    const a = personKey(key, { kind: "document", type: "A", number: "CA12345AB" });
    expect(personKey(key, { kind: "document", type: "A", number: "ca 12345 ab" })).toBe(a);
    expect(personKey(key, { kind: "document", type: "A", number: "CA-12.345/AB" })).toBe(a);
    expect(personKey(key, { kind: "document", type: "C", number: "CA12345AB" })).not.toBe(a);
    // A document number that happens to look like a code does not collide with the code.
    const cf = "RSSMRA85T10A562S";
    expect(personKey(key, { kind: "document", type: "E", number: cf })).not.toBe(
      personKey(key, { kind: "fiscal_code", code: cf }),
    );
  });

  it("depends on the key, and refuses a short key", () => {
    const identifier = { kind: "fiscal_code", code: "RSSMRA85T10A562S" } as const;
    expect(personKey(randomBytes(32), identifier)).not.toBe(personKey(key, identifier));
    expect(() => personKey(randomBytes(16), identifier)).toThrow(/at least 32 bytes/);
  });
});

describe("document numbers", () => {
  it("drops spaces and separators and upper-cases", () => {
    expect(normaliseDocumentNumber(" ca 12.345-ab/7_1 ")).toBe("CA12345AB71");
  });

  it("refuses what cannot be a document number", () => {
    expect(checkDocumentNumber("  ")).toEqual({ ok: false, problem: "empty" });
    expect(checkDocumentNumber("A1")).toEqual({ ok: false, problem: "too_short" });
    expect(checkDocumentNumber("A".repeat(21))).toEqual({ ok: false, problem: "too_long" });
    expect(checkDocumentNumber("AB#123")).toEqual({ ok: false, problem: "invalid_characters" });
    expect(checkDocumentNumber("YA 1234567")).toEqual({ ok: true, number: "YA1234567" });
  });
});
