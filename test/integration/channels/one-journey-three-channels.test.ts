import { proto } from "@whiskeysockets/baileys";
import { afterEach, describe, expect, it } from "vitest";
import { prismaWhatsAppStorage } from "../../../app/db/repositories/whatsapp-storage.js";
import { createWhatsApp } from "../../../app/whatsapp-setup.js";
import { loadAuthState } from "../../../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../../../bots/whatsapp/baileys-logger.js";
import { whatsappSender } from "../../../bots/whatsapp/whatsapp-sender.js";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { profileFor } from "../../../core/conversation/channel-profile.js";
import { silentLog } from "../../../core/log.js";
import type { RunningWorkers } from "../../../workers/runtime.js";
import { type Citizen, onboard, type TestChannel, THREE_CHANNELS, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { fakeBaileys } from "../../support/fake-baileys/fake-socket.js";
import { OWN_LID, OWN_PHONE } from "../../support/fake-baileys/helpers.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { whatsappCitizen } from "../../support/whatsapp-citizen.js";
import { startTestWorkers } from "../../support/workers.js";

const PROFILE_OF: Record<string, ReturnType<typeof profileFor>> = {
  Telegram: profileFor("telegram"),
  WhatsApp: profileFor("whatsapp"),
  "web chat": profileFor("web"),
};

/** What every answer must respect on its channel: no more choices than it shows; WhatsApp's hint. */
function withinLimits(citizen: Citizen, channel: TestChannel) {
  const profile = PROFILE_OF[channel];
  if (!profile) throw new Error(`no profile for ${channel}`);
  expect(citizen.buttons().length, `${channel}: ${citizen.buttons().join(" | ")}`).toBeLessThanOrEqual(
    profile.maxChoices,
  );
  for (const label of citizen.buttons()) expect([...label].length).toBeLessThanOrEqual(profile.labelMax);
  if (channel === "WhatsApp" && citizen.buttons().length > 0)
    expect(citizen.text()).toContain("_Rispondi con il numero._");
}

describe("one journey, three channels: find, book, list, reschedule, cancel", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach, ctx);
  let point: Awaited<ReturnType<typeof createTestPoint>> | undefined;

  for (const channel of THREE_CHANNELS) {
    it(`passes unchanged on ${channel}, within its limits`, async () => {
      const core = testCore(ctx.db);
      // one point for the three channels (the database is shared by the file's tests)
      point ??= await createTestPoint(ctx.db);
      const citizen = await open(channel, testEngine(ctx, core));
      const step = async (act: () => Promise<void>, expected?: string) => {
        await act();
        if (expected) expect(citizen.text(), channel).toContain(expected);
        withinLimits(citizen, channel);
      };

      await step(() => onboard(citizen), "Cosa vuoi fare?");
      // find: a point near a CAP, its card
      await step(() => citizen.press("Trova un punto vicino"), "Dove ti trovi?");
      await step(() => citizen.say("10122"), "Biblioteca di prova");
      await step(() => citizen.say("1"));
      expect(
        citizen
          .venues()
          .map((v) => v.address)
          .join(" ") + citizen.text(),
      ).toContain("Via Garibaldi 1");
      // book there
      await step(() => citizen.say("menu"), "Cosa vuoi fare?");
      await step(() => citizen.press("Prenota un appuntamento"), "Dove ti trovi?");
      await step(() => citizen.say("10122"));
      await step(() => citizen.say("1"), "Che tipo di aiuto ti serve?");
      await step(() => citizen.press(/Con un facilitatore/));
      await step(() => citizen.press("Di persona, al punto"), "Che giorno?");
      await step(() => citizen.say("domani"), "Domani. A che ora?");
      await step(() => citizen.press("10:00"), "Per cosa ti serve aiuto?");
      await step(() => citizen.press("SPID, CIE e app IO"));
      await step(() => citizen.press("SPID o CIE"), "Quando: domani alle 10:00");
      await step(() => citizen.press("Conferma"), "Fatto! ✅ Ti aspettiamo domani alle 10:00.");
      const booking = await ctx.db.booking.findFirstOrThrow({
        where: { pointId: point.id, status: "confirmed" },
        orderBy: { createdAt: "desc" },
      });
      expect(booking).toMatchObject({ status: "confirmed", startsAt: new Date("2026-12-02T09:00:00Z") });
      // list
      await step(() => citizen.press("I miei appuntamenti"), "domani, 10:00 · Biblioteca di prova");
      await step(() => citizen.say("1"), "✅ confermato");
      // reschedule
      await step(() => citizen.press("Cambia giorno o ora"), "In che giorno vuoi spostarlo?");
      await step(() => citizen.say("3/12"));
      await step(() => citizen.press("15:00"), "Sposto l'appuntamento a giovedì 3 dicembre alle 15:00. Va bene?");
      await step(() => citizen.say("sì"), "L'appuntamento ora è giovedì 3 dicembre alle 15:00");
      expect(citizen.files().map((f) => f.filename)).toContain("appuntamento-2026-12-03.ics");
      // cancel
      await step(() => citizen.press("Annulla l'appuntamento"), "Perché vuoi annullare?");
      await step(() => citizen.press("Ho già risolto"), "Appuntamento annullato. ✅");
      const cancelled = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
      expect(cancelled).toMatchObject({ status: "cancelled_by_citizen", cancelReason: "risolto_da_solo" });
      expect(await ctx.db.booking.count({ where: { citizenId: booking.citizenId } })).toBe(1);
    });
  }
});

const WED_10 = new Date("2026-12-02T09:00:00Z"); // Wednesday 2 December 2026, 10:00 in Rome
const DAY_BEFORE = new Date("2026-12-01T09:00:00Z"); // its day-before reminder is due then

describe("a reminder on WhatsApp: through the workers, the app's sender and the number's outbox", () => {
  const ctx = useIntegration();
  let workers: RunningWorkers | undefined;
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await workers?.stop();
    workers = undefined;
    for (const stop of stops.splice(0)) await stop();
  });

  async function setUp() {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const session = "reminders";
    const storage = prismaWhatsAppStorage(ctx.db);
    const auth = await loadAuthState(storage.auth, session, baileysLogger(silentLog, "silent"));
    auth.state.creds.registered = true;
    auth.state.creds.me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` };
    await auth.saveCreds();
    const fake = fakeBaileys();
    const config = ctx.config({
      WHATSAPP_ENABLED: "true",
      WHATSAPP_SESSION: session,
      WHATSAPP_SEND_INTERVAL_MS: "250",
      WHATSAPP_SEND_JITTER_MS: "0",
    });
    const channel = createWhatsApp(config, {
      db: ctx.db,
      database: { url: ctx.databaseUrl, kind: "configured" },
      engine,
      log: silentLog,
      messages: core.repos.messages,
      makeSocket: fake.factory,
    });
    if (!channel) throw new Error("WhatsApp is configured on");
    stops.push(() => channel.stop());
    await channel.start();
    fake.latest().open();
    const maria = whatsappCitizen({ channel, socket: () => fake.latest() });
    // Maria wrote before (a WhatsApp identity exists only then) and booked Wednesday at 10:00
    const { citizen } = await acceptPrivacy(core, { channel: "whatsapp", externalId: maria.jid });
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica", bookable: 1 });
    const { booking } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    core.clock.set(DAY_BEFORE);
    const sender = whatsappSender({ outbox: channel.outbox, waitMs: 5_000 });
    workers = await startTestWorkers(ctx, { core, engine, senders: { whatsapp: sender } });
    const reminderRow = () =>
      ctx.db.outboundMessage.findFirstOrThrow({
        where: { bookingId: booking.id, params: { path: ["offset"], equals: "1d" } },
      });
    return { fake, maria, booking, reminderRow };
  }

  it("arrives as numbered text, and a typed number acts on it once", async () => {
    const { maria, reminderRow } = await setUp();
    await workers?.tick();
    const reminder = await maria.awaitPushed("Promemoria");
    expect(reminder).toContain("domani alle 10:00");
    expect(reminder).toMatch(/1\. Ci sarò\n2\. Sposta\n3\. Annulla l'appuntamento\n\n_Rispondi con il numero\._/);
    await expect.poll(async () => (await reminderRow()).state).toBe("sent");
    expect((await reminderRow()).providerMessageId).toBeTruthy();
    // the worker notes the reminder's choices in the conversation: typing "1" is "Ci sarò"
    await expect.poll(async () => (await ctx.redis.keys(`${ctx.redisPrefix}:conv:*`)).length).toBeGreaterThan(0);
    await maria.say("1");
    expect(maria.text()).toContain("Grazie! Ti aspettiamo");
    expect(await reminderRow()).toMatchObject({ actedVerb: "yes" });
  });

  it("a 463 on the sent reminder marks its row failed, and it is not sent again", async () => {
    const { fake, maria, reminderRow } = await setUp();
    await workers?.tick();
    await maria.awaitPushed("Promemoria");
    await expect.poll(async () => (await reminderRow()).state).toBe("sent");
    const id = (await reminderRow()).providerMessageId ?? "";
    fake.latest().updateMessages([
      {
        key: { remoteJid: maria.jid, fromMe: true, id },
        update: { status: proto.WebMessageInfo.Status.ERROR, messageStubParameters: ["463"] },
      },
    ]);
    await expect.poll(async () => (await reminderRow()).state).toBe("failed");
    expect(await reminderRow()).toMatchObject({ reason: "whatsapp_463" });
    await workers?.reconcile();
    await workers?.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const reminders = fake.latest().sent.filter((s) => "text" in s.content && s.content.text.includes("Promemoria"));
    expect(reminders).toHaveLength(1);
  });
});
