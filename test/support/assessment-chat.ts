import { ITEM_BANK } from "../../core/assessment/item-bank.js";

const QUESTIONS = [
  ...ITEM_BANK.screening.map((s) => ({ id: s.id, texts: [s.text.it, s.text.en] })),
  ...ITEM_BANK.items.map((i) => ({ id: i.id, texts: [i.text.it, i.text.en] })),
];

/** Which self-assessment question a message asks (by its text, in either language). */
export function questionIn(message: string): string | undefined {
  return QUESTIONS.find((q) => q.texts.some((t) => message.includes(t)))?.id;
}

/** The Italian label of an answer option id ("alone" → "Da solo/a"), screening options too. */
export function answerLabel(id: string, lang: "it" | "en" = "it"): string {
  const option =
    ITEM_BANK.scale.find((o) => o.id === id) ?? ITEM_BANK.screening.flatMap((s) => s.options).find((o) => o.id === id);
  if (!option) throw new Error(`no answer ${id}`);
  return option.label[lang];
}

/**
 * Answers questions while the bot asks them: `choose` gets the question id and returns the
 * option id. `send` answers one (by button, number or typed word); `text` reads the last answer.
 * Returns the ids asked, in order.
 */
export async function answerAll(
  chat: { text(): string },
  send: (optionId: string, questionId: string) => Promise<unknown>,
  choose: (questionId: string) => string,
): Promise<string[]> {
  const asked: string[] = [];
  for (let guard = 0; guard < 40; guard++) {
    const id = questionIn(chat.text());
    if (!id || !/(Domanda|Question) \d+ (di|of) \d+/.test(chat.text())) return asked;
    asked.push(id);
    const screening = ITEM_BANK.screening.find((q) => q.id === id);
    const option = choose(id);
    // screening questions have their own answers: "every day" unless the test says otherwise
    await send(screening && !screening.options.some((o) => o.id === option) ? "daily" : option, id);
  }
  throw new Error("the test never ended");
}
