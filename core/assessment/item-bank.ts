import { z } from "zod";
import { SportelloError } from "../errors.js";
import bankJson from "./data/item-bank.json" with { type: "json" };
import { AREAS, type AreaCode, areaOfDigComp, areaOfSe5, DIGCOMP_COMPETENCES } from "./digcomp.js";

/**
 * The self-assessment's item bank: versioned data (data/item-bank.json), Italian and English,
 * checked when it is loaded. Every limit a chat channel imposes is checked here, so a bank that
 * loads fits WhatsApp (at most 4 answers of at most 20 characters), Telegram and the web chat.
 */

export const BANK_LANGUAGES = ["it", "en"] as const;
export type BankLang = (typeof BANK_LANGUAGES)[number];

/** Longest answer label: WhatsApp reply buttons allow 20 characters. */
export const MAX_LABEL = 20;
/** At most 4 answers per question, on every channel. */
export const MAX_ANSWERS = 4;
/** A question fits one short chat message. */
export const MAX_QUESTION = 220;
export const MAX_EXPLANATION = 220;

const localized = (max: number) =>
  z.object({
    it: z.string().trim().min(1).max(max),
    en: z.string().trim().min(1).max(max),
  });

const optionSchema = z.object({
  id: z.string().regex(/^[a-z]+$/),
  label: localized(MAX_LABEL),
  /** Typed words that choose it (any language), besides its label and its number. */
  keywords: z.array(z.string().min(1)).default([]),
});

const scaleOptionSchema = optionSchema.extend({
  /** 0 = lowest. */
  value: z.number().int().min(0),
  /** "Non so cosa vuol dire": counts as the lowest and explains the term in one line. */
  explains: z.boolean().default(false),
});

const screeningOptionSchema = optionSchema.extend({
  /** Chosen: only the basic items of each area are asked (someone who never goes online). */
  basicOnly: z.boolean().default(false),
});

const screeningSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  text: localized(MAX_QUESTION),
  options: z.array(screeningOptionSchema).min(2).max(MAX_ANSWERS),
  /** Asked only when an earlier screening question got one of these answers. */
  onlyIf: z.record(z.string(), z.array(z.string())).optional(),
});

const itemSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** SE4 area letter. */
  area: z.enum(AREAS),
  /** DigComp 2.2 competence, e.g. "2.6". */
  digcomp: z.enum(DIGCOMP_COMPETENCES),
  /** SE5 competence code 1-13. */
  se5: z.number().int(),
  /** Basic items come first in their area; when all are answered at the lowest the area stops. */
  basic: z.boolean(),
  text: localized(MAX_QUESTION),
  /** One line saying what the term means, shown after "Non so cosa vuol dire". */
  explain: localized(MAX_EXPLANATION),
  /** Where the wording comes from (DigCompSAT item it adapts, or "Sportello"). */
  source: z.string().min(1),
});

const bankSchema = z.object({
  version: z.string().regex(/^[\w.-]+$/),
  scale: z.array(scaleOptionSchema).min(2).max(MAX_ANSWERS),
  screening: z.array(screeningSchema).min(1).max(2),
  items: z.array(itemSchema).min(15).max(20),
});

export type ItemBank = z.output<typeof bankSchema>;
export type BankItem = ItemBank["items"][number];
export type ScreeningQuestion = ItemBank["screening"][number];
export type ScaleOption = ItemBank["scale"][number];

function invalid(problem: string): SportelloError {
  return new SportelloError({ code: "config_invalid", message: `assessment item bank: ${problem}` });
}

function unique(ids: string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw invalid(`${what} "${id}" appears twice`);
    seen.add(id);
  }
}

/** The rules a bank must follow beyond its shape. Throws naming the first problem. */
function check(bank: ItemBank): void {
  unique(
    bank.scale.map((o) => o.id),
    "answer",
  );
  unique([...bank.screening.map((s) => s.id), ...bank.items.map((i) => i.id)], "question");
  if (!bank.scale.some((o) => o.value === 0)) throw invalid("the scale has no lowest answer (value 0)");
  if (bank.scale.filter((o) => o.explains).length !== 1) throw invalid("exactly one answer must explain the term");
  for (const option of bank.scale) {
    if (option.explains && option.value !== 0) throw invalid(`"${option.id}" explains the term: it must count 0`);
  }
  for (const [index, question] of bank.screening.entries()) {
    unique(
      question.options.map((o) => o.id),
      `answer of ${question.id}`,
    );
    for (const [earlier, answers] of Object.entries(question.onlyIf ?? {})) {
      const before = bank.screening.slice(0, index).find((s) => s.id === earlier);
      if (!before) throw invalid(`${question.id} depends on "${earlier}", which is not asked before it`);
      for (const answer of answers) {
        if (!before.options.some((o) => o.id === answer))
          throw invalid(`${question.id}: "${earlier}" has no "${answer}"`);
      }
    }
  }
  for (const item of bank.items) {
    if (areaOfSe5(item.se5) !== item.area) throw invalid(`${item.id}: SE5 ${item.se5} is not in area ${item.area}`);
    if (areaOfDigComp(item.digcomp) !== item.area)
      throw invalid(`${item.id}: DigComp ${item.digcomp} is not in area ${item.area}`);
  }
  for (const area of AREAS) {
    const items = bank.items.filter((i) => i.area === area);
    if (items.length < 3 || items.length > 4) throw invalid(`area ${area} has ${items.length} items (3-4 wanted)`);
    if (!items[0]?.basic) throw invalid(`area ${area} must start with a basic item`);
    const firstOther = items.findIndex((i) => !i.basic);
    if (firstOther >= 0 && items.slice(firstOther).some((i) => i.basic))
      throw invalid(`area ${area}: basic items must come before the others`);
  }
}

/** Validates a bank (shape, codes, channel limits) and returns it typed. */
export function loadItemBank(raw: unknown): ItemBank {
  const parsed = bankSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join(".") ?? "(bank)"}: ${issue?.message ?? "invalid"}`);
  }
  check(parsed.data);
  return parsed.data;
}

/** The bank in use. */
export const ITEM_BANK: ItemBank = loadItemBank(bankJson);

export function itemsOfArea(bank: ItemBank, area: AreaCode): BankItem[] {
  return bank.items.filter((item) => item.area === area);
}

/** The highest value of the scale: 100%. */
export function topValue(bank: ItemBank): number {
  return Math.max(...bank.scale.map((o) => o.value));
}
