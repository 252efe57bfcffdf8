import { describe, expect, it } from "vitest";
import type { Reply } from "../../core/conversation/reply.js";
import { inlineKeyboard, mergeTextsIntoQuestions, splitText } from "./telegram-render.js";

const question = (text: string, edit = false): Reply => ({
  kind: "choices",
  text,
  choices: [{ id: "1.a", label: "A" }],
  ...(edit ? { edit } : {}),
});

describe("Telegram rendering", () => {
  it("joins texts to the question after them, one message instead of several", () => {
    expect(mergeTextsIntoQuestions([{ kind: "text", text: "Grazie!" }, question("Cosa vuoi fare?")], false)).toEqual([
      question("Grazie!\n\nCosa vuoi fare?"),
    ]);
  });

  it("keeps apart what must stay apart: files, venues, edits, keyboard removal, long texts", () => {
    const venue: Reply = { kind: "venue", title: "B", address: "Via X", lat: 45, lon: 7 };
    expect(mergeTextsIntoQuestions([venue, { kind: "text", text: "Orari" }, question("?")], false)).toEqual([
      venue,
      question("Orari\n\n?"),
    ]);
    expect(mergeTextsIntoQuestions([{ kind: "text", text: "x" }, question("?", true)], false)).toEqual([
      { kind: "text", text: "x" },
      question("?", true),
    ]);
    // the first text carries the removal of a location keyboard
    expect(mergeTextsIntoQuestions([{ kind: "text", text: "x" }, question("?")], true)).toEqual([
      { kind: "text", text: "x" },
      question("?"),
    ]);
    const long = "a".repeat(4_000);
    expect(mergeTextsIntoQuestions([{ kind: "text", text: long }, question("b".repeat(200))], false)).toHaveLength(2);
    expect(mergeTextsIntoQuestions([{ kind: "text", text: "solo" }], false)).toEqual([{ kind: "text", text: "solo" }]);
  });

  it("numbers buttons and packs short ones three to a row", () => {
    const times = ["09:00", "10:00", "11:00", "12:00"].map((label, i) => ({ id: `n.t${i}`, label }));
    expect(inlineKeyboard(times).map((row) => row.map((b) => b.text))).toEqual([
      ["1. 09:00", "2. 10:00", "3. 11:00"],
      ["4. 12:00"],
    ]);
    const long = [{ id: "n.find", label: "Trova un punto vicino" }];
    expect(inlineKeyboard(long)).toEqual([[{ text: "1. Trova un punto vicino", callback_data: "n.find" }]]);
    // a choice too long for Telegram is dropped, and the others keep the engine's numbers
    expect(
      inlineKeyboard([
        { id: "x".repeat(65), label: "troppo" },
        { id: "n.ok", label: "Va bene" },
      ]),
    ).toEqual([[{ text: "2. Va bene", callback_data: "n.ok" }]]);
  });

  it("splits texts Telegram would refuse", () => {
    const parts = splitText(`${"a".repeat(3_000)}\n\n${"b".repeat(3_000)}`);
    expect(parts).toEqual(["a".repeat(3_000), "b".repeat(3_000)]);
    expect(splitText("")).toEqual(["…"]);
  });
});
