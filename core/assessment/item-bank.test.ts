import { describe, expect, it } from "vitest";
import bankJson from "./data/item-bank.json" with { type: "json" };
import { AREAS, areaOfSe5 } from "./digcomp.js";
import { BANK_LANGUAGES, ITEM_BANK, loadItemBank, MAX_ANSWERS, MAX_LABEL } from "./item-bank.js";

const copy = () => structuredClone(bankJson) as unknown as Record<string, unknown> & typeof bankJson;

const problem = (change: (bank: ReturnType<typeof copy>) => void) => {
  const bank = copy();
  change(bank);
  try {
    loadItemBank(bank);
    return "loaded";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("the item bank (data/item-bank.json)", () => {
  const bank = ITEM_BANK;

  it("has 15-20 items, 3-4 per area, each with its DigComp 2.2 competence and valid SE4/SE5 codes", () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(15);
    expect(bank.items.length).toBeLessThanOrEqual(20);
    for (const area of AREAS) {
      const count = bank.items.filter((i) => i.area === area).length;
      expect(count, area).toBeGreaterThanOrEqual(3);
      expect(count, area).toBeLessThanOrEqual(4);
    }
    for (const item of bank.items) {
      expect(areaOfSe5(item.se5), item.id).toBe(item.area);
      expect(Number(item.digcomp.split(".")[0]), item.id).toBe(AREAS.indexOf(item.area) + 1);
    }
  });

  it("covers what matters most to citizens", () => {
    const text = bank.items.map((i) => i.text.it).join(" ");
    for (const topic of [
      "SPID",
      "CIE",
      "app IO",
      "Fascicolo sanitario",
      "pagoPA",
      "WhatsApp",
      "videochiamate",
      "PEC",
    ]) {
      expect(text, topic).toContain(topic);
    }
    for (const topic of ["fake news", "password", "phishing", "chi può vedere", "foto", "documento"]) {
      expect(text.toLowerCase(), topic).toContain(topic);
    }
  });

  it("says every question, answer and explanation in both languages, different in each", () => {
    const texts = [
      ...bank.items.flatMap((i) => [i.text, i.explain]),
      ...bank.screening.map((s) => s.text),
      ...bank.scale.map((o) => o.label),
    ];
    for (const localized of texts) {
      for (const lang of BANK_LANGUAGES) expect(localized[lang].trim().length).toBeGreaterThan(0);
    }
    // a sentence left untranslated is the same in both
    for (const item of bank.items) expect(item.text.en, item.id).not.toBe(item.text.it);
  });

  it("fits every channel: at most 4 answers of at most 20 characters, in both languages", () => {
    const questions = [bank.scale, ...bank.screening.map((s) => s.options)];
    for (const options of questions) {
      expect(options.length).toBeLessThanOrEqual(MAX_ANSWERS);
      for (const option of options) {
        for (const lang of BANK_LANGUAGES)
          expect(option.label[lang].length, option.label[lang]).toBeLessThanOrEqual(MAX_LABEL);
      }
    }
    // the scale the issue asks for, with "Non so cosa vuol dire" typed in full accepted too
    expect(bank.scale.map((o) => o.label.it)).toEqual(["Non so farlo", "Con un aiuto", "Da solo/a", "Non so cos'è"]);
    expect(bank.scale.find((o) => o.explains)?.keywords).toContain("non so cosa vuol dire");
  });

  it("starts with screening and puts each area's basic items first", () => {
    expect(bank.screening.map((s) => s.id)).toEqual(["device", "internet"]);
    for (const area of AREAS) {
      const items = bank.items.filter((i) => i.area === area);
      expect(items[0]?.basic, area).toBe(true);
    }
  });

  it("refuses a bank that breaks a rule, naming it", () => {
    expect(problem(() => {})).toBe("loaded");
    expect(
      problem((b) => {
        b.scale.push({ ...b.scale[0], id: "more" } as never);
        b.scale.push({ ...b.scale[0], id: "evenmore" } as never);
      }),
    ).toContain("scale");
    expect(
      problem((b) => {
        (b.scale[0] as { label: { it: string } }).label.it = "Non sono proprio capace";
      }),
    ).toContain("scale.0.label.it");
    expect(
      problem((b) => {
        (b.items[0] as { text: { en?: string } }).text.en = undefined;
      }),
    ).toContain("items.0.text.en");
    expect(
      problem((b) => {
        (b.items[0] as { se5: number }).se5 = 9;
      }),
    ).toContain("search: SE5 9 is not in area A");
    expect(
      problem((b) => {
        (b.items[0] as { digcomp: string }).digcomp = "2.1";
      }),
    ).toContain("DigComp 2.1 is not in area A");
    expect(
      problem((b) => {
        (b.items[0] as { digcomp: string }).digcomp = "6.1";
      }),
    ).toContain("items.0.digcomp");
    expect(
      problem((b) => {
        (b.items[1] as { id: string }).id = "search";
      }),
    ).toContain('"search" appears twice');
    expect(
      problem((b) => {
        (b.items[0] as { basic: boolean }).basic = false;
      }),
    ).toContain("area A must start with a basic item");
    expect(
      problem((b) => {
        (b.items[2] as { basic: boolean }).basic = true;
      }),
    ).toContain("basic items must come before");
    expect(
      problem((b) => {
        b.items.splice(0, 3);
      }),
    ).toContain("items");
    expect(
      problem((b) => {
        (b.scale[3] as { explains?: boolean }).explains = false;
      }),
    ).toContain("exactly one answer must explain");
    expect(
      problem((b) => {
        (b.screening[1] as { onlyIf: Record<string, string[]> }).onlyIf = { device: ["often"] };
      }),
    ).toContain('"device" has no "often"');
  });
});
