import { describe, expect, it } from "vitest";
import { deviceLanguage } from "./device-language.js";

describe("deviceLanguage", () => {
  it.each([
    ["it-IT,it;q=0.9,en;q=0.8", "it-IT"],
    ["en-GB,en;q=0.9", "en-GB"],
    ["fr;q=0.5, de;q=0.9", "de"],
    ["*;q=1, ro", "ro"],
    ["ar-EG;q=0.7,zh-Hant-TW;q=0.7", "ar-EG"],
    ["EN", "EN"],
  ])("%s → %s", (header, expected) => {
    expect(deviceLanguage(header)).toBe(expected);
  });

  it.each([[undefined], [""], ["*"], ["<script>"], ["en;q=0"], ["en;q=abc"], ["x".repeat(40)]])(
    "ignores %s",
    (header) => {
      expect(deviceLanguage(header)).toBeUndefined();
    },
  );
});
