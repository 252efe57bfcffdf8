import { describe, expect, it } from "vitest";
import { fitReplies, profileFor } from "../../core/conversation/channel-profile.js";
import { type Lang, translator } from "../../core/conversation/i18n.js";
import type { Choice, Reply } from "../../core/conversation/reply.js";
import { MAX_TEXT, numberedGroups, renderWhatsApp, splitLongText } from "./whatsapp-render.js";

/** Replies as the engine gives them to WhatsApp (fitted to its profile), rendered. */
const wa = (replies: Reply[], lang: Lang = "it") =>
  renderWhatsApp(fitReplies(replies, profileFor("whatsapp"), translator(lang)));
const SHARE_IT = translator("it")("whatsapp.shareLocation");

const choices = (n: number): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `7.c${i}`, label: `Scelta ${i + 1}` }));
const textOf = (content: unknown) => (content as { text: string }).text;

describe("WhatsApp rendering", () => {
  it("numbers choices as text and asks for the number", () => {
    const out = wa([
      {
        kind: "choices",
        text: "Cosa vuoi fare?",
        choices: [
          { id: "3.find", label: "Trova un punto vicino" },
          { id: "3.book", label: "Prenota un appuntamento" },
        ],
      },
    ]);
    expect(out).toEqual([
      { text: "Cosa vuoi fare?\n\n1. Trova un punto vicino\n2. Prenota un appuntamento\n\n_Rispondi con il numero._" },
    ]);
    expect(JSON.stringify(out)).not.toContain("3.find"); // ids never reach the person
  });

  it("speaks the citizen's language, and adds no hint to replies not fitted for WhatsApp", () => {
    const question: Reply = { kind: "choices", text: "What now?", choices: choices(2) };
    expect(wa([question], "en").map(textOf)).toEqual([
      "What now?\n\n1. Scelta 1\n2. Scelta 2\n\n_Reply with the number._",
    ]);
    const where: Reply = { kind: "location_request", text: "Where?", label: "x", choices: [] };
    expect(wa([where], "en").map(textOf)).toEqual([`Where?\n\n📍 ${translator("en")("whatsapp.shareLocation")}`]);
    expect(renderWhatsApp([question]).map(textOf)).toEqual(["What now?\n\n1. Scelta 1\n2. Scelta 2"]);
  });

  it("shows a long label's short form (a numbered line wraps past about 35 characters)", () => {
    const long = "Aggiungi al calendario del telefono adesso";
    const out = wa([
      { kind: "choices", text: "E ora?", choices: [{ id: "1.ics", label: long, short: "Al calendario" }] },
    ]);
    expect(out.map(textOf)).toEqual(["E ora?\n\n1. Al calendario\n\n_Rispondi con il numero._"]);
  });

  it("puts at most 10 choices in a message, numbering on as the engine counts", () => {
    expect(numberedGroups(choices(23)).map((g) => g.length)).toEqual([10, 10, 3]);
    const out = wa([{ kind: "choices", text: "A che ora?", choices: choices(13) }]);
    expect(out).toHaveLength(2);
    const [first, second] = out.map(textOf);
    expect(first?.startsWith("A che ora?\n\n1. Scelta 1\n")).toBe(true);
    expect(first).toContain("10. Scelta 10");
    expect(first).not.toContain("11.");
    expect(first).not.toContain("Rispondi");
    expect(second).toBe("11. Scelta 11\n12. Scelta 12\n13. Scelta 13\n\n_Rispondi con il numero._");
    expect(wa([{ kind: "choices", text: "Dieci", choices: choices(10) }])).toHaveLength(1);
  });

  it("joins texts to the question after them, and never a text after a question", () => {
    const out = wa([
      { kind: "text", text: "Grazie!" },
      { kind: "text", text: "Prenotazione confermata." },
      { kind: "choices", text: "Cosa vuoi fare?", choices: choices(2) },
      { kind: "text", text: "Dopo" },
    ]);
    expect(out.map(textOf)).toEqual([
      "Grazie!\n\nPrenotazione confermata.\n\nCosa vuoi fare?\n\n1. Scelta 1\n2. Scelta 2\n\n_Rispondi con il numero._",
      "Dopo",
    ]);
  });

  it("asks for a location in words (no button on WhatsApp), with the choices numbered", () => {
    const out = wa([
      {
        kind: "location_request",
        text: "Dove ti trovi? Scrivi il comune o il CAP.",
        label: "📍 Invia la mia posizione",
        choices: [{ id: "5.back_", label: "Indietro" }],
      },
    ]);
    expect(out.map(textOf)).toEqual([
      `Dove ti trovi? Scrivi il comune o il CAP.\n\n📍 ${SHARE_IT}\n\n1. Indietro\n\n_Rispondi con il numero._`,
    ]);
    const bare = wa([{ kind: "location_request", text: "Dove?", label: "x", choices: [] }]);
    expect(bare.map(textOf)).toEqual([`Dove?\n\n📍 ${SHARE_IT}`]);
  });

  it("sends a venue as a location with name and address, between the texts around it", () => {
    const out = wa([
      { kind: "text", text: "Ecco il punto:" },
      { kind: "venue", title: "Biblioteca civica", address: "Via Roma 1, Torino", lat: 45.07, lon: 7.68 },
      { kind: "choices", text: "E ora?", choices: choices(1) },
    ]);
    expect(out).toEqual([
      { text: "Ecco il punto:" },
      {
        location: {
          degreesLatitude: 45.07,
          degreesLongitude: 7.68,
          name: "Biblioteca civica",
          address: "Via Roma 1, Torino",
        },
      },
      { text: "E ora?\n\n1. Scelta 1\n\n_Rispondi con il numero._" },
    ]);
  });

  it("sends the .ics as a text/calendar document", () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    const [doc] = wa([
      {
        kind: "file",
        filename: "appuntamento.ics",
        mimeType: "text/calendar",
        content: ics,
        caption: "Il tuo appuntamento",
      },
    ]);
    expect(doc).toMatchObject({
      mimetype: "text/calendar",
      fileName: "appuntamento.ics",
      caption: "Il tuo appuntamento",
    });
    expect(Buffer.isBuffer((doc as { document: Buffer }).document)).toBe(true);
    expect((doc as { document: Buffer }).document.toString("utf8")).toBe(ics);
  });

  it("splits long texts at paragraph ends, keeping every word", () => {
    const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragrafo ${i}. ${"parola ".repeat(80).trim()}`);
    const long = paragraphs.join("\n\n");
    const out = wa([{ kind: "text", text: long }]).map(textOf);
    expect(out.length).toBeGreaterThan(1);
    for (const part of out) {
      expect(part.length).toBeLessThanOrEqual(MAX_TEXT);
      expect(part.startsWith("Paragrafo")).toBe(true); // each part starts a paragraph
    }
    expect(out.join("\n\n")).toBe(long);
  });

  it("splits a text without paragraphs at a space, and never inside an emoji", () => {
    const words = splitLongText("abc ".repeat(50).trim(), 30);
    expect(words.every((p) => p.length <= 30 && !p.startsWith(" ") && !/\bab$/.test(p))).toBe(true);
    expect(words.join(" ")).toBe("abc ".repeat(50).trim());
    const emoji = splitLongText("😀".repeat(20), 7);
    expect(emoji.join("")).toBe("😀".repeat(20));
    expect(emoji.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(splitLongText("   ")).toEqual(["…"]);
  });

  it("renders every reply kind the engine has", () => {
    const all: Reply[] = [
      { kind: "text", text: "t" },
      { kind: "choices", text: "c", choices: choices(1), edit: true },
      { kind: "location_request", text: "l", label: "x", choices: [] },
      { kind: "venue", title: "v", address: "a", lat: 1, lon: 2 },
      { kind: "file", filename: "f.ics", mimeType: "text/calendar", content: "x", caption: "c" },
    ];
    expect(wa(all)).toHaveLength(4);
  });
});
