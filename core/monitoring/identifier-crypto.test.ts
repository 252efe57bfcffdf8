import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isSportelloError } from "../errors.js";
import {
  createKeyRing,
  decodeKey,
  generateKey,
  needsResealing,
  resealed,
  seal,
  sealedKeyId,
  unseal,
} from "./identifier-crypto.js";

const keyA = generateKey();
const keyB = generateKey();
const CF = "RSSMRA85T10A562S";

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("sealing identifiers", () => {
  it("round-trips, with a fresh nonce every time", () => {
    const ring = createKeyRing("2026a", { "2026a": keyA });
    const first = seal(ring, CF, "fiscal_code");
    const second = seal(ring, CF, "fiscal_code");
    expect(first).not.toBe(second);
    expect(first).not.toContain(CF);
    expect(first).toMatch(/^v1\.2026a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(unseal(ring, first, "fiscal_code")).toBe(CF);
    expect(unseal(ring, second, "fiscal_code")).toBe(CF);
    expect(unseal(ring, seal(ring, "àè € 😀", "document_number"), "document_number")).toBe("àè € 😀");
  });

  it("detects any change to the sealed text", () => {
    const ring = createKeyRing("k1", { k1: keyA });
    const sealed = seal(ring, CF, "fiscal_code");
    const parts = sealed.split(".");
    for (const index of [2, 3, 4]) {
      const part = parts[index] ?? "";
      const flipped = `${part.charAt(0) === "A" ? "B" : "A"}${part.slice(1)}`;
      const altered = parts.map((p, i) => (i === index ? flipped : p)).join(".");
      const error = thrown(() => unseal(ring, altered, "fiscal_code"));
      expect(isSportelloError(error)).toBe(true);
      expect(String((error as Error).message)).not.toContain(CF);
    }
    expect(() => unseal(ring, `${sealed}x`, "fiscal_code")).toThrow(/cannot be opened/);
    expect(() => unseal(ring, "RSSMRA85T10A562S", "fiscal_code")).toThrow(/not a v1 sealed value/);
    expect(() => unseal(ring, "", "fiscal_code")).toThrow(/not a v1 sealed value/);
  });

  it("binds the purpose and the key id", () => {
    const ring = createKeyRing("k1", { k1: keyA, k2: keyB });
    const sealed = seal(ring, CF, "fiscal_code");
    expect(() => unseal(ring, sealed, "document_number")).toThrow(/altered, or sealed with another key or purpose/);
    // Relabelling the value with the other key id does not open it either.
    expect(() => unseal(ring, sealed.replace("v1.k1.", "v1.k2."), "fiscal_code")).toThrow(/cannot be opened/);
  });

  it("refuses a value whose key is not in the ring, or a wrong key under the same id", () => {
    const sealed = seal(createKeyRing("old", { old: keyA }), CF, "fiscal_code");
    expect(() => unseal(createKeyRing("new", { new: keyB }), sealed, "fiscal_code")).toThrow(/key is not in the ring/);
    expect(() => unseal(createKeyRing("old", { old: keyB }), sealed, "fiscal_code")).toThrow(/cannot be opened/);
  });

  it("rotates: opens with any known key, seals with the current one, reseals old values", () => {
    const before = createKeyRing("2025", { "2025": keyA });
    const oldValue = seal(before, CF, "fiscal_code");
    const after = createKeyRing("2026", { "2025": keyA, "2026": keyB });
    expect(unseal(after, oldValue, "fiscal_code")).toBe(CF);
    expect(sealedKeyId(seal(after, CF, "fiscal_code"))).toBe("2026");
    expect(needsResealing(after, oldValue)).toBe(true);
    const moved = resealed(after, oldValue, "fiscal_code");
    expect(sealedKeyId(moved)).toBe("2026");
    expect(needsResealing(after, moved)).toBe(false);
    expect(resealed(after, moved, "fiscal_code")).toBe(moved);
    // Once every value is moved, the old key can go.
    const only = createKeyRing("2026", { "2026": keyB });
    expect(unseal(only, moved, "fiscal_code")).toBe(CF);
    expect(() => unseal(only, oldValue, "fiscal_code")).toThrow(/key is not in the ring/);
  });

  it("refuses bad key rings, naming the key id but never the key", () => {
    expect(() => createKeyRing("x", { y: keyA })).toThrow(/current key id is not in the ring/);
    expect(() => createKeyRing("k", { k: randomBytes(16).toString("base64") })).toThrow(/must be 32 bytes, got 16/);
    expect(() => createKeyRing("k", { k: "not base64!" })).toThrow(/not base64/);
    expect(() => createKeyRing("a b", { "a b": keyA })).toThrow(/key ids are/);
    expect(() => createKeyRing("a", { a: keyA, b: keyA })).toThrow(/repeats another key/);
    const error = thrown(() => createKeyRing("k", { k: keyA.slice(0, 20) }));
    expect(String((error as Error).message)).not.toContain(keyA.slice(0, 20));
    // base64url keys are read too.
    const raw = randomBytes(32);
    expect(decodeKey(raw.toString("base64url"), "k").equals(raw)).toBe(true);
  });
});
