import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone.js";

describe("normalisePhone", () => {
  it("accepts the ways Italians write numbers", () => {
    expect(normalisePhone("333 123 4567")).toBe("+393331234567");
    expect(normalisePhone("+39 333-123-4567")).toBe("+393331234567");
    expect(normalisePhone("0039 011 4431234")).toBe("+390114431234");
    expect(normalisePhone("011/443.12.34")).toBe("+390114431234");
    expect(normalisePhone("+41 79 123 45 67")).toBe("+41791234567");
  });

  it("refuses what is not a phone number", () => {
    for (const text of ["12", "ciao", "333 12", "+39 123", "1234567890123456789", "3331234567a", ""]) {
      expect(normalisePhone(text), text).toBeUndefined();
    }
  });
});
