import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type TelegramChannel, telegramChannel } from "../../bots/telegram/telegram-channel.js";
import { telegramSender } from "../../bots/telegram/telegram-sender.js";
import { bookSlot } from "../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../core/citizens/accept-privacy.js";
import { conversationKey } from "../../core/conversation/engine.js";
import { silentLog } from "../../core/log.js";
import type { RunningWorkers } from "../../workers/runtime.js";
import { testEngine } from "../support/engine-chat.js";
import { type FakeTelegram, fakeUser, type RecordedCall, startFakeTelegram } from "../support/fake-telegram/index.js";
import { createTestPoint, testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { startTestWorkers } from "../support/workers.js";

const WED_10 = new Date("2026-12-02T09:00:00Z"); // Wednesday 2 December 2026, 10:00 in Rome
const DAY_BEFORE = new Date("2026-12-01T09:00:00Z"); // its day-before reminder is due then

describe("pushed messages through the real Telegram adapter (grammY against the fake Bot API)", () => {
  const ctx = useIntegration();
  let fake: FakeTelegram | undefined;
  let channel: TelegramChannel | undefined;
  let workers: RunningWorkers | undefined;

  afterEach(async () => {
    await workers?.stop();
    await channel?.stop();
    await fake?.close();
    workers = undefined;
    channel = undefined;
    fake = undefined;
  });

  /** A citizen on Telegram with a booking on Wednesday at 10:00; the clock at its day-before reminder. */
  async function setUp(options: { retryDelaySeconds?: number; userId?: number; due?: boolean } = {}) {
    fake = await startFakeTelegram();
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    channel = telegramChannel({
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
    const userId = options.userId ?? 7_000 + randomBytes(2).readUInt16BE();
    const maria = fakeUser(fake, { id: userId, first_name: "Maria", language_code: "it" });
    fake.addChat({ id: userId, type: "private", first_name: "Maria" });
    const { citizen } = await acceptPrivacy(core, { channel: "telegram", externalId: String(userId) });
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica", bookable: 1 });
    const { booking } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    if (options.due !== false) core.clock.set(DAY_BEFORE);
    const sender = telegramSender({
      token: fake.token,
      apiRoot: fake.apiRoot,
      maxRetryDelaySeconds: options.retryDelaySeconds ?? 5,
      maxRetryAttempts: 2,
      timeoutSeconds: 10,
    });
    workers = await startTestWorkers(ctx, { core, engine, senders: { telegram: sender } });
    return { fake, core, maria, userId, booking, point, citizenId: citizen.id };
  }

  const reminderCalls = (f: FakeTelegram, chatId: number) =>
    f.calls((c) => c.method === "sendMessage" && c.ok && c.chatId === chatId && (c.text ?? "").includes("Promemoria"));

  const reminderRow = (bookingId: string) =>
    ctx.db.outboundMessage.findFirstOrThrow({ where: { bookingId, params: { path: ["offset"], equals: "1d" } } });

  /** Waits for the bot's next message in a chat containing `text`. */
  const botSays = (f: FakeTelegram, chatId: number, text: string, after = 0) =>
    f
      .waitForCall(
        (c) =>
          c.seq > after && c.ok && c.chatId === chatId && c.method === "sendMessage" && (c.text ?? "").includes(text),
        { timeoutMs: 15_000 },
      )
      .catch((error: Error) => {
        const said = f.calls((c) => c.chatId === chatId && c.method === "sendMessage").map((c) => c.text);
        throw new Error(`${error.message.slice(0, 60)}… "${text}" not said; the bot said: ${JSON.stringify(said)}`);
      });

  it("sends a due reminder once, with buttons that work later, once, and only in its own chat", async () => {
    const { fake, maria, userId, booking, point, citizenId } = await setUp();
    await workers?.tick();
    const sent = await botSays(fake, userId, "Promemoria");
    expect(sent.text).toContain("domani alle 10:00");
    expect(sent.text).toContain("Biblioteca Civica, Via Garibaldi 1, 10122 Torino");
    const keyboard = (
      sent.params.reply_markup as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> }
    ).inline_keyboard.flat();
    expect(keyboard.map((b) => b.text)).toEqual(["1. Ci sarò", "2. Sposta", "3. Annulla l'appuntamento"]);
    for (const button of keyboard) expect(Buffer.byteLength(button.callback_data)).toBeLessThanOrEqual(64);

    await expect.poll(async () => (await reminderRow(booking.id)).state).toBe("sent");
    const row = await reminderRow(booking.id);
    expect(row).toMatchObject({ attempts: 1, providerMessageId: String(sent.message?.message_id) });
    // once: another reconcile and dispatch round, and the same job added again, send nothing more
    await workers?.reconcile();
    await workers?.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(reminderCalls(fake, userId)).toHaveLength(1);

    // the citizen wanders off into the menu first: the reminder's buttons still work
    await maria.say("menu");
    await botSays(fake, userId, "Cosa vuoi fare?", sent.seq);
    const reminderId = sent.message?.message_id;
    let mark = fake.calls().length;
    await maria.press(/Annulla l'appuntamento/, { ...(reminderId ? { messageId: reminderId } : {}) });
    await botSays(fake, userId, "Perché", mark);
    mark = fake.calls().length;
    await maria.press(/Non posso più/);
    await botSays(fake, userId, "annullato", mark);
    const after = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(after.status).toBe("cancelled_by_citizen");
    const seats = await ctx.db.slotOccupancy.findMany({ where: { pointId: point.id } });
    expect(seats.every((s) => s.booked === 0)).toBe(true);
    // the 2-hour reminder is withdrawn with the booking
    expect(await ctx.db.outboundMessage.count({ where: { bookingId: booking.id, state: "pending" } })).toBe(0);

    // pressed again, much later: it says plainly it is done, and acts no more
    mark = fake.calls().length;
    await maria.press(/Annulla l'appuntamento/, { ...(reminderId ? { messageId: reminderId } : {}) });
    await botSays(fake, userId, "Questo appuntamento non c'è più", mark);
    expect(await ctx.db.bookingEvent.count({ where: { bookingId: booking.id, kind: "cancelled" } })).toBe(1);

    // another chat replaying that button's data does nothing to Maria's booking
    const intruderId = userId + 1;
    const intruder = fakeUser(fake, { id: intruderId, first_name: "Ivo", language_code: "it" });
    await intruder.start();
    const greeting = await botSays(fake, intruderId, "Sportello");
    const data = keyboard[2]?.callback_data ?? "";
    mark = fake.calls().length;
    fake.inject.update({
      callback_query: {
        id: "9001",
        from: { id: intruderId, is_bot: false, first_name: "Ivo" },
        chat_instance: "intruder",
        message: greeting.message as never,
        data,
      },
    });
    await botSays(fake, intruderId, "non vale più", mark);
    expect(fake.calls((c) => c.seq > mark && c.chatId === userId && c.method === "sendMessage")).toHaveLength(0);
    expect(await ctx.db.bookingEvent.count({ where: { bookingId: booking.id } })).toBe(2); // created, cancelled
    expect(citizenId).toBeTruthy();
  });

  it("records 'Ci sarò' once, also when its number is typed in the middle of something else", async () => {
    const { fake, maria, userId, booking, core } = await setUp({ due: false });
    // Maria is looking for a point when the reminder arrives
    await maria.say("menu");
    await botSays(fake, userId, "Cosa vuoi fare?");
    await maria.say("1");
    const where = await botSays(fake, userId, "Dove ti trovi?");
    core.clock.set(DAY_BEFORE);
    await workers?.tick();
    const sent = await botSays(fake, userId, "Promemoria", where.seq);
    // the worker notes the reminder in the conversation right after Telegram accepted it
    const stateKey = `${ctx.redisPrefix}:conv:${conversationKey({ channel: "telegram", userId: String(userId) })}`;
    await expect.poll(async () => JSON.parse((await ctx.redis.get(stateKey)) ?? "{}").pushed?.messageId).toBeTruthy();
    // typing "1" now answers the newest question on screen: the reminder's "Ci sarò"
    let mark = fake.calls().length;
    await maria.say("1");
    const thanks = await botSays(fake, userId, "Grazie! Ti aspettiamo", mark);
    // and the question she was at comes back, so she can go on
    await botSays(fake, userId, "Dove ti trovi?", thanks.seq);
    expect(await reminderRow(booking.id)).toMatchObject({ actedVerb: "yes" });
    mark = fake.calls().length;
    await maria.press(/Ci sarò/, { ...(sent.message?.message_id ? { messageId: sent.message.message_id } : {}) });
    await botSays(fake, userId, "Ci avevi già detto che ci sarai", mark);
    expect(maria.user.id).toBe(userId);
  });

  it("waits a 429's retry_after for that message only, then sends it", async () => {
    const { fake, userId, booking } = await setUp();
    const times = new Map<number, number>();
    fake.onCall((call: RecordedCall) => times.set(call.seq, Date.now()));
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    await workers?.tick();
    const sent = await botSays(fake, userId, "Promemoria");
    const refused = fake.calls((c) => c.method === "sendMessage" && c.injected === true);
    expect(refused).toHaveLength(1);
    const waited = (times.get(sent.seq) ?? 0) - (times.get(refused[0]?.seq ?? 0) ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);
    expect(reminderCalls(fake, userId)).toHaveLength(1);
    await expect.poll(async () => (await reminderRow(booking.id)).state).toBe("sent");
    expect(await reminderRow(booking.id)).toMatchObject({ attempts: 1 });
  });

  it("hands a longer flood wait back to the queue (the job is delayed), then sends once", async () => {
    const { fake, userId, booking } = await setUp({ retryDelaySeconds: 0 });
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    await workers?.tick();
    await botSays(fake, userId, "Promemoria");
    expect(reminderCalls(fake, userId)).toHaveLength(1);
    await expect.poll(async () => (await reminderRow(booking.id)).state).toBe("sent");
    expect(await reminderRow(booking.id)).toMatchObject({ attempts: 2, lastError: "rate_limited" });
  });

  it("treats 403 as final: not retried, the identity marked unreachable, later messages skipped until /start", async () => {
    const { fake, maria, userId, booking, core } = await setUp();
    fake.setBlocked(userId, true);
    await workers?.tick();
    await expect.poll(async () => (await reminderRow(booking.id)).state, { timeout: 15_000 }).toBe("failed");
    const row = await reminderRow(booking.id);
    expect(row).toMatchObject({ reason: "blocked", attempts: 1 });
    expect(fake.calls((c) => c.method === "sendMessage" && c.params.chat_id === userId)).toHaveLength(1); // the refused one
    // the row's state and the identity's mark are two writes: wait for the second as well
    await expect
      .poll(
        async () =>
          (await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: String(userId) } })).unreachableAt,
        { timeout: 15_000 },
      )
      .not.toBeNull();

    // the 2-hour reminder comes due: skipped, not attempted
    core.clock.set(new Date("2026-12-02T07:00:00Z"));
    await workers?.tick();
    await expect
      .poll(
        async () =>
          (
            await ctx.db.outboundMessage.findFirstOrThrow({
              where: { bookingId: booking.id, params: { path: ["offset"], equals: "2h" } },
            })
          ).state,
        { timeout: 15_000 },
      )
      .toBe("skipped");
    expect(fake.calls((c) => c.method === "sendMessage" && c.params.chat_id === userId)).toHaveLength(1);

    // Maria unblocks the bot and starts again: reachable once more
    fake.setBlocked(userId, false);
    await maria.start();
    await botSays(fake, userId, "Ciao di nuovo");
    const again = await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: String(userId) } });
    expect(again.unreachableAt).toBeNull();
  });
});
