/**
 * One zod schema per column: each takes the trimmed, non-empty text of a cell and gives back the
 * typed value, or issues whose messages are plain Italian (they name the value, cut short).
 */
import { z } from "zod";
import type { PointServiceInfo } from "../../ports.js";
import type { PointKind } from "../types.js";
import { parseHoursCell, type Span } from "./hours.js";
import { shown } from "./notes.js";
import { parseServices } from "./services.js";

type Ctx = z.core.$RefinementCtx<string>;

const fail = (ctx: Ctx, message: string): never => {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
};

/** Cells must not look like spreadsheet formulas: opened in Excel again they could run. */
const FORMULA_START = /^[=+\-@]/;
const CONTROL = /\p{Cc}/u;

function cleanText(raw: string, ctx: Ctx, max: number, multiline: boolean): string {
  const text = multiline
    ? raw
        .replace(/\r\n?/g, "\n")
        .split("\n")
        .map((line) => line.replace(/[ \t]+/g, " ").trim())
        .join("\n")
        .replace(/\n{3,}/g, "\n\n")
        .trim()
    : raw.replace(/\s+/g, " ").trim();
  if (text.length > max) return fail(ctx, `il testo è troppo lungo (${text.length} caratteri, al massimo ${max})`);
  if (CONTROL.test(multiline ? text.replace(/\n/g, "") : text)) {
    return fail(ctx, "il testo contiene caratteri di controllo non ammessi");
  }
  if (FORMULA_START.test(text)) {
    return fail(
      ctx,
      `il valore «${shown(text)}» sembra una formula di foglio di calcolo: una cella non può iniziare con = + - @`,
    );
  }
  return text;
}

export const text = (max: number, options: { multiline?: boolean } = {}) =>
  z.string().transform((raw, ctx) => cleanText(raw, ctx, max, options.multiline ?? false));

const yesNo = (column: string) =>
  z.string().transform((raw, ctx) => {
    const value = raw.trim().toLowerCase();
    if (value === "si" || value === "sì") return true;
    if (value === "no") return false;
    return fail(ctx, `«${shown(raw)}» non è un valore di ${column}: scrivi si oppure no`);
  });

const wholeNumber = (raw: string, ctx: Ctx, what: string, min: number, max: number): number => {
  if (!/^\d{1,6}$/.test(raw)) return fail(ctx, `«${shown(raw)}» non è un numero intero di ${what}`);
  const value = Number(raw);
  if (value < min || value > max) return fail(ctx, `${value} ${what} fuori dai limiti (da ${min} a ${max})`);
  return value;
};

/** Decimal degrees with a point or a comma, as Italian Excel writes them ("45,0703"). */
const degrees = (what: "lat" | "lon") =>
  z.string().transform((raw, ctx) => {
    const normalized = raw.trim().replace(",", ".");
    if (!/^-?\d{1,3}(\.\d{1,12})?$/.test(normalized)) {
      return fail(ctx, `«${shown(raw)}» non è una coordinata in gradi decimali (per esempio 45.0703)`);
    }
    const value = Number(normalized);
    // Italy, with a margin: Lampedusa is at 35.5 N, Vetta d'Italia at 47.1 N; lon from 6.6 to 18.5 E.
    const [low, high, name] = what === "lat" ? [35, 48, "latitudine"] : [6, 19, "longitudine"];
    if (value < low || value > high) {
      return fail(
        ctx,
        `la ${name} ${value} è fuori dall'Italia (fra ${low} e ${high})${
          what === "lat" && value >= 6 && value <= 19 ? ": hai scambiato lat e lon?" : ""
        }`,
      );
    }
    return value;
  });

export const cellSchemas = {
  codice_punto: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(value)) {
      return fail(
        ctx,
        `il codice «${shown(raw)}» non è valido: da 1 a 40 lettere senza accenti, cifre, punti, trattini o _ (per esempio TO-BIB-01)`,
      );
    }
    return value.toUpperCase();
  }),
  ente: text(200),
  nome_punto: text(200),
  tipo: z.string().transform((raw, ctx): PointKind => {
    const value = raw.trim().toLowerCase();
    if (value === "fisso") return "fixed";
    if (value === "itinerante") return "itinerant";
    return fail(ctx, `tipo «${shown(raw)}» sconosciuto: scrivi fisso oppure itinerante`);
  }),
  sede_principale: yesNo("sede_principale"),
  nome_sede: text(200),
  indirizzo: text(200),
  civico: text(20),
  cap: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (/^\d{5}$/.test(value)) return value;
    const hint = /^\d{3,4}$/.test(value)
      ? ": se il file viene da Excel, formatta la colonna come Testo perché Excel toglie gli zeri iniziali"
      : "";
    return fail(ctx, `il CAP ${shown(raw)} non è valido (servono 5 cifre)${hint}`);
  }),
  comune: text(100),
  provincia: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
    return fail(ctx, `la provincia «${shown(raw)}» non è valida: scrivi la sigla di due lettere (per esempio TO)`);
  }),
  codice_istat: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    // Excel drops leading zeros ("1272" for "001272"): put them back; the comune check follows.
    if (/^\d{1,6}$/.test(value)) return value.padStart(6, "0");
    return fail(ctx, `il codice ISTAT «${shown(raw)}» non è valido: servono 6 cifre (per esempio 001272)`);
  }),
  lat: degrees("lat"),
  lon: degrees("lon"),
  note_sede: text(1000, { multiline: true }),
  postazioni: z.string().transform((raw, ctx) => {
    const value = wholeNumber(raw.trim(), ctx, "postazioni", 0, 500);
    if (value < 2)
      return fail(ctx, `${value} postazioni non bastano: un punto ne deve avere almeno 2 che lavorano insieme`);
    return value;
  }),
  postazioni_prenotabili: z.string().transform((raw, ctx) => {
    const value = wholeNumber(raw.trim(), ctx, "postazioni prenotabili", 0, 500);
    if (value < 1) return fail(ctx, "serve almeno 1 postazione prenotabile");
    return value;
  }),
  servizi: z.string().transform((raw, ctx): PointServiceInfo[] => {
    if (raw.length > 300) return fail(ctx, `il testo è troppo lungo (${raw.length} caratteri, al massimo 300)`);
    const result = parseServices(raw);
    if (result.ok) return result.services;
    for (const message of result.messages) ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }),
  telefono: z.string().transform((raw, ctx) => {
    const value = raw.replace(/\s+/g, " ").trim();
    const digits = value.replace(/\D/g, "").length;
    if (!/^\+?[\d ./()-]+$/.test(value) || digits < 6 || digits > 15) {
      return fail(
        ctx,
        `il telefono «${shown(raw)}» non è valido: solo cifre, spazi e un + iniziale (per esempio 011 123 4567)`,
      );
    }
    return value;
  }),
  email: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    const parsed = z.email().max(254).safeParse(value);
    if (!parsed.success) return fail(ctx, `l'indirizzo email «${shown(raw)}» non è valido`);
    return value;
  }),
  sito: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
    const parsed = z
      .url({ protocol: /^https?$/, hostname: z.regexes.domain })
      .max(500)
      .safeParse(withScheme);
    if (!parsed.success)
      return fail(ctx, `il sito «${shown(raw)}» non è un indirizzo web valido (per esempio https://www.comune.it)`);
    return withScheme;
  }),
  id_monitoraggio: z.string().transform((raw, ctx) => {
    const value = raw.trim();
    if (!/^\d{1,15}$/.test(value) || Number(value) === 0) {
      return fail(
        ctx,
        `l'id di monitoraggio «${shown(raw)}» non è valido: è il numero della sede sulla piattaforma nazionale`,
      );
    }
    return Number(value);
  }),
  descrizione: text(2000, { multiline: true }),
  attivo: yesNo("attivo"),
} satisfies Record<string, z.ZodType<unknown, string>>;

export type CellSchemas = typeof cellSchemas;

/** Every hour column (LUN_1 … DOM_2): "09:00-13:00". */
export const hoursCell = z.string().transform((raw, ctx): Span => {
  const result = parseHoursCell(raw);
  return result.ok ? result.span : fail(ctx, result.message);
});
