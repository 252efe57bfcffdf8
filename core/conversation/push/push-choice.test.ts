import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../i18n.js";
import { compactId, expandId, parsePushChoice, pushChoice, pushChoiceId, pushedQuestionOf } from "./push-choice.js";

describe("pushed buttons", () => {
  it("carry the message id and the verb within Telegram's 64 bytes, and read back", () => {
    const id = randomUUID();
    const data = pushChoiceId(id, "cancel");
    expect(data).toMatch(/^![A-Za-z0-9_-]{22}\.cancel$/);
    expect(Buffer.byteLength(pushChoiceId(id, "a".repeat(24)))).toBeLessThanOrEqual(64);
    expect(parsePushChoice(data)).toEqual({ messageId: id, verb: "cancel" });
    expect(expandId(compactId(id))).toBe(id);
  });

  it("are never confused with the engine's own buttons or with junk", () => {
    // the engine's nonces are base36 counters: "x.find" is a normal button
    for (const data of [
      "x.find",
      "1a.back_",
      "!",
      "!.yes",
      "!short.yes",
      `!${"A".repeat(22)}.`,
      `!${"A".repeat(22)}.Yes`,
      "",
    ]) {
      expect(parsePushChoice(data), data).toBeUndefined();
    }
    expect(() => pushChoiceId(randomUUID(), "no spaces")).toThrow();
  });

  it("leave their question for typed numbers: the last reply with pushed buttons", () => {
    const id = randomUUID();
    const question = pushedQuestionOf([
      { kind: "text", text: "Promemoria" },
      {
        kind: "choices",
        text: "Ci sarai?",
        choices: [pushChoice(id, "yes", "Ci sarò"), pushChoice(id, "move", "Sposta")],
      },
    ]);
    expect(question).toEqual({
      messageId: id,
      choices: [
        { verb: "yes", label: "Ci sarò" },
        { verb: "move", label: "Sposta" },
      ],
    });
    expect(
      pushedQuestionOf([{ kind: "choices", text: "?", choices: [{ id: "3.menu", label: "Menu" }] }]),
    ).toBeUndefined();
  });

  it("have labels short enough for a WhatsApp list row (24 characters) in every language", () => {
    for (const [lang, table] of Object.entries(LANGUAGES)) {
      const labels = Object.entries(table as Record<string, string>).filter(([key]) =>
        /^push\.(reminder\.(yes|move|cancel)|offer\.(book|no)|cancelled\.rebook)$/.test(key),
      );
      expect(labels).toHaveLength(6);
      for (const [key, label] of labels) expect(label.length, `${lang} ${key}`).toBeLessThanOrEqual(24);
    }
  });
});
