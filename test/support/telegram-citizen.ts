import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import { type TelegramChannel, telegramChannel } from "../../bots/telegram/telegram-channel.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Choice } from "../../core/conversation/reply.js";
import { silentLog } from "../../core/log.js";
import type { Citizen, ReceivedFile, ReceivedVenue } from "./citizen.js";
import { type FakeUser, fakeUser, type RecordedCall, startFakeTelegram } from "./fake-telegram/index.js";

type Fake = Awaited<ReturnType<typeof startFakeTelegram>>;

/** The Telegram channel (grammY, long polling) against the local fake Bot API, over the given engine. */
export async function startTelegram(engine: ConversationEngine): Promise<{ fake: Fake; stop(): Promise<void> }> {
  const fake = await startFakeTelegram();
  const channel: TelegramChannel = telegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    publicUrl: undefined,
    webhookSecret: undefined,
    engine,
    log: silentLog,
    pollingTimeoutSeconds: 1,
  });
  channel.start();
  await fake.waitForCall("getUpdates");
  return {
    fake,
    async stop() {
      await channel.stop();
      await fake.close();
    },
  };
}

let nextUserId = 81_000;

/**
 * A Telegram user as a {@link Citizen}: each action waits for the question that ends the bot's
 * answer (a message with a keyboard) and keeps what the bot sent meanwhile.
 */
export function telegramCitizen(fake: Fake, languageCode = "it"): Citizen {
  nextUserId += 1;
  const user: FakeUser = fakeUser(fake, { id: nextUserId, first_name: "Cittadina", language_code: languageCode });
  let calls: RecordedCall[] = [];

  async function turn(act: () => Promise<unknown>): Promise<void> {
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
    calls = fake.calls((c) => c.seq > before && c.chatId === user.user.id && c.ok && c.method !== "getUpdates");
  }

  /** The buttons on screen: those of the bot's last message that came with a keyboard (inline or reply). */
  function keyboard(): Array<{ text: string; data?: string }> {
    const markup = fake
      .calls(
        (c) =>
          c.ok &&
          c.chatId === user.user.id &&
          (c.method === "sendMessage" || c.method === "editMessageText") &&
          c.params.reply_markup !== undefined &&
          !(c.params.reply_markup as { remove_keyboard?: boolean }).remove_keyboard,
      )
      .at(-1)?.params.reply_markup as Partial<InlineKeyboardMarkup & ReplyKeyboardMarkup> | undefined;
    if (markup?.inline_keyboard) {
      return markup.inline_keyboard
        .flat()
        .map((b) => ({ text: b.text, ...("callback_data" in b ? { data: b.callback_data } : {}) }));
    }
    return (markup?.keyboard ?? []).flat().map((b) => ({ text: typeof b === "string" ? b : b.text }));
  }
  const unnumbered = (text: string) => text.replace(/^\d+\. /, "");

  return {
    channel: "Telegram",
    start: (payload) => turn(() => user.start(payload)),
    say: (text) => turn(() => user.say(text)),
    async press(label) {
      const found = keyboard().find((b) =>
        typeof label === "string" ? unnumbered(b.text) === label : label.test(unnumbered(b.text)),
      );
      if (!found)
        throw new Error(
          `no button ${label} among: ${keyboard()
            .map((b) => b.text)
            .join(" | ")}`,
        );
      const data = found.data;
      await turn(() => (data === undefined ? user.say(found.text) : user.press({ data })));
    },
    shareLocation: (lat, lon) => turn(() => user.shareLocation(lat, lon)),
    text: () =>
      calls
        .map((c) => (c.method === "sendDocument" ? String(c.params.caption ?? "") : (c.text ?? "")))
        .filter(Boolean)
        .join("\n"),
    messages: () => calls.flatMap((c) => (c.text ? [c.text] : [])),
    buttons: () => keyboard().map((b) => unnumbered(b.text)),
    choices: (): Choice[] => keyboard().map((b) => ({ id: b.data ?? b.text, label: unnumbered(b.text) })),
    files: (): ReceivedFile[] =>
      calls.flatMap((c) => {
        if (c.method !== "sendDocument") return [];
        const id = (c.result as { document?: { file_id: string } })?.document?.file_id ?? "";
        const file = fake.file(id);
        return file
          ? [
              {
                filename: file.filename ?? "",
                content: Buffer.from(file.bytes).toString("utf8"),
                caption: String(c.params.caption ?? ""),
              },
            ]
          : [];
      }),
    venues: (): ReceivedVenue[] =>
      calls.flatMap((c) =>
        c.method === "sendVenue"
          ? [
              {
                title: String(c.params.title),
                address: String(c.params.address),
                lat: Number(c.params.latitude),
                lon: Number(c.params.longitude),
              },
            ]
          : [],
      ),
  };
}
