import { afterEach, describe, expect, it } from "vitest";
import { type TelegramChannel, telegramChannel } from "../../bots/telegram/telegram-channel.js";
import { silentLog } from "../../core/log.js";
import { answerLabel, questionIn } from "../support/assessment-chat.js";
import { testEngine } from "../support/engine-chat.js";
import { fakeUser, type RecordedCall, startFakeTelegram } from "../support/fake-telegram/index.js";
import { createTestPoint, testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";

type Fake = Awaited<ReturnType<typeof startFakeTelegram>>;
type User = ReturnType<typeof fakeUser>;

/** The user acts; resolves with the bot's calls once its next question (a keyboard) is sent. */
async function asked(fake: Fake, user: User, act: () => Promise<unknown>): Promise<RecordedCall[]> {
  const before = fake.calls().length;
  await act();
  await fake.waitForCall(
    (c) =>
      c.seq > before &&
      c.chatId === user.user.id &&
      c.ok &&
      (c.method === "sendMessage" || c.method === "editMessageText") &&
      c.params.reply_markup !== undefined &&
      !(c.params.reply_markup as { remove_keyboard?: boolean }).remove_keyboard,
  );
  return fake.calls((c) => c.seq > before && c.chatId === user.user.id && c.method !== "getUpdates");
}

const said = (calls: RecordedCall[]) => calls.map((c) => c.text ?? "").join("\n");

/** The inline buttons of the bot's last message, row by row. */
const rows = (user: User) =>
  (
    (user.lastBotMessage()?.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined)
      ?.inline_keyboard ?? []
  ).map((row) => row.map((b) => b.text));

describe("the self-assessment on Telegram (grammY against a local Bot API server)", () => {
  const ctx = useIntegration();
  let fake: Fake | undefined;
  let channel: TelegramChannel | undefined;

  afterEach(async () => {
    await channel?.stop();
    await fake?.close();
    channel = undefined;
    fake = undefined;
  });

  it("takes the whole test by buttons, numbers and words, then books help with the topic filled in", async () => {
    fake = await startFakeTelegram();
    const core = testCore(ctx.db);
    channel = telegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      publicUrl: undefined,
      webhookSecret: undefined,
      engine: testEngine(ctx, core),
      log: silentLog,
      pollingTimeoutSeconds: 1,
    });
    channel.start();
    await fake.waitForCall("getUpdates");
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Telegram test" });
    const rosa = fakeUser(fake, { id: 7101, first_name: "Rosa", language_code: "it" });
    const f = fake;
    const step = (act: () => Promise<unknown>) => asked(f, rosa, act);
    const screen = () => rosa.lastBotMessage()?.text ?? "";

    await step(() => rosa.start());
    await step(() => rosa.press(/Italiano/));
    await step(() => rosa.press(/Accetto/));
    await step(() => rosa.press(/Cosa so fare online/));
    expect(screen()).toContain("Non è un esame e non è un certificato.");
    await step(() => rosa.press(/Iniziamo/));
    expect(screen()).toContain("Domanda 1 di 18");
    expect(rows(rosa)).toEqual([
      ["1. Ogni giorno", "2. Qualche volta"],
      ["3. Mai", "4. Indietro"],
    ]);

    await step(() => rosa.press(/Ogni giorno/));
    await step(() => rosa.say("1"));
    expect(screen()).toContain("Domanda 3 di 18");
    expect(rows(rosa)).toEqual([
      ["1. Non so farlo", "2. Con un aiuto"],
      ["3. Da solo/a", "4. Non so cos'è"],
      ["5. Indietro"],
    ]);
    const pattern: Record<string, string> = { spid: "no", appio: "help", email: "no", healthfile: "no" };
    let answered = 2;
    for (let id = questionIn(screen()); id && /Domanda \d+ di \d+/.test(screen()); id = questionIn(screen())) {
      const option = pattern[id] ?? "alone";
      // in turn: a button, its number, its words
      const how = answered % 3;
      const label = answerLabel(option);
      const index = ["no", "help", "alone", "dunno"].indexOf(option) + 1;
      await step(() =>
        how === 0
          ? rosa.press(new RegExp(`\\d\\. ${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`))
          : rosa.say(how === 1 ? String(index) : label),
      );
      answered += 1;
    }
    expect(answered).toBe(18);
    const result = screen();
    expect(result).toContain("Ecco il tuo risultato:");
    expect(result).toContain("• Comunicare e servizi online: base");
    expect(result).toContain("I passi più utili per te:");
    expect(result).toContain("https://www.spid.gov.it/");
    expect(rows(rosa).flat()).toContain("2. Prenota: SPID");
    expect(await ctx.db.assessment.count()).toBe(1);

    // booking from the result: no point booked before, so first where
    let calls = await step(() => rosa.press(/Prenota: SPID/));
    expect(said(calls)).toContain("Prenotiamo un aiuto per «Imparare a usare SPID e la CIE». Prima scegli il punto.");
    await step(() => rosa.shareLocation(45.0735, 7.6813));
    await step(() => rosa.press(/Biblioteca Telegram test/));
    await step(() => rosa.press(/Con un facilitatore/));
    await step(() => rosa.press(/Di persona/));
    await step(() => rosa.say("domani"));
    calls = await step(() => rosa.say("10"));
    expect(said(calls)).toContain("Per: SPID o carta d'identità elettronica");
    calls = await step(() => rosa.press(/Conferma/));
    expect(said(calls)).toContain("Fatto! ✅");
    const booking = await ctx.db.booking.findFirstOrThrow({ where: { pointId: point.id } });
    expect(booking.competences).toEqual([9]);
    expect(said(calls)).not.toContain("breve test"); // already taken: no offer
  });
});
