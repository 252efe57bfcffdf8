import { describe, expect, it } from "vitest";
import { formatServices, parseServices } from "./services.js";

describe("the servizi notation", () => {
  it("reads services with minutes and modes, in any order and case, with ; , or | between them", () => {
    const expected = [
      { kind: "facilitazione", slotMinutes: 60, modes: ["in_presenza", "telefono", "videochiamata"] },
      { kind: "accoglienza", slotMinutes: 30, modes: ["in_presenza"] },
      { kind: "corso", slotMinutes: 120, modes: ["in_presenza", "chat"] },
    ];
    for (const text of [
      "facilitazione=60:presenza+telefono+video; accoglienza=30:presenza; corso=120:chat+presenza",
      "Corso = 120 : chat + in_presenza | ACCOGLIENZA=30:Presenza | facilitazione=60:videochiamata+telefono+presenza;",
      "accoglienza=30:presenza, facilitazione=60:video+presenza+telefono+video, corso=120:presenza+chat",
    ]) {
      expect(parseServices(text)).toEqual({ ok: true, services: expected });
    }
  });

  it("writes the notation back so that it reads the same", () => {
    const text = "facilitazione=45:presenza+telefono+video+chat; accoglienza=15:telefono";
    const parsed = parseServices(text);
    if (!parsed.ok) throw new Error(parsed.messages.join("; "));
    expect(formatServices(parsed.services)).toBe(text);
    expect(parseServices(formatServices(parsed.services))).toEqual(parsed);
  });

  it("explains every mistake in Italian", () => {
    expect(parseServices("facilitazione=490:presenza; accoglienza=0:presenza; corso=abc:presenza")).toEqual({
      ok: false,
      messages: [
        "durata «490» di facilitazione non valida: servono minuti a multipli di 15, da 15 a 480 (per esempio 60)",
        "durata «0» di accoglienza non valida: servono minuti a multipli di 15, da 15 a 480 (per esempio 60)",
        "durata «abc» di corso non valida: servono minuti a multipli di 15, da 15 a 480 (per esempio 60)",
      ],
    });
    expect(parseServices("")).toEqual({
      ok: false,
      messages: ["nessun servizio indicato: serve almeno facilitazione (per esempio facilitazione=60:presenza)"],
    });
    expect(parseServices("facilitazione=60:presenza++telefono")).toEqual({
      ok: false,
      messages: ["mancano le modalità di facilitazione (presenza, telefono, video, chat, unite da +)"],
    });
  });
});
