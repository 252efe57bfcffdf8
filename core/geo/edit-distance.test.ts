import { describe, expect, it } from "vitest";
import { boundedEditDistance } from "./edit-distance.js";

describe("boundedEditDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(boundedEditDistance("torinno", "torino", 3)).toBe(1);
    expect(boundedEditDistance("setimotorinese", "settimotorinese", 3)).toBe(1);
    expect(boundedEditDistance("frenze", "firenze", 3)).toBe(1);
    expect(boundedEditDistance("roma", "roma", 3)).toBe(0);
  });

  it("counts a swap of adjacent letters as one edit", () => {
    expect(boundedEditDistance("toirno", "torino", 3)).toBe(1);
    expect(boundedEditDistance("tornio", "torino", 3)).toBe(1);
    expect(boundedEditDistance("otrinno", "torino", 3)).toBe(2);
  });

  it("stops at max + 1", () => {
    expect(boundedEditDistance("asdfgh", "torino", 2)).toBe(3);
    expect(boundedEditDistance("a", "abcdefgh", 2)).toBe(3);
    expect(boundedEditDistance("abcdef", "badcfe", 2)).toBe(3);
    expect(boundedEditDistance("abcdef", "badcfe", 3)).toBe(3);
  });
});
