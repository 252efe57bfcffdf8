import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../app/start.js";
import { silentLog } from "../../core/log.js";
import { MessageKind } from "../../core/messaging/kinds.js";
import { notifyCitizen } from "../../core/messaging/notify.js";
import { createTestPoint } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { chatPage } from "./chat-page.js";
import { type Browser, launchChromium, resolveChromium } from "./chromium.js";

const browser = await resolveChromium();

/**
 * A web chat cannot be reached while it is closed: what Sportello sends meanwhile waits, and the
 * page shows it when the citizen comes back with the same cookie (the whole app, real workers).
 */
describe(`web chat inbox in Chromium (${browser.source})`, () => {
  const ctx = useIntegration();
  let app: RunningApp;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    app = await startApp(ctx.config({ DISPATCH_EVERY_MS: "200" }), silentLog);
  });
  afterEach(async () => {
    await Promise.all(browsers.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("shows a message sent while the page was closed, with buttons that work, once", async () => {
    const chromium = await launchChromium();
    browsers.push(chromium);
    const problems: string[] = [];
    const first = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    first.on("pageerror", (error) => problems.push(error.message));
    const chat = chatPage(first);
    await chat.open(app.url);
    await chat.press("1. Italiano");
    await chat.press("1. Accetto");
    await first.close(); // the citizen closes the page

    // meanwhile a facilitator confirms their remote session (written like the core writes it)
    const identity = await ctx.db.channelIdentity.findFirstOrThrow({
      where: { channel: "web" },
      orderBy: { createdAt: "desc" },
    });
    const point = await createTestPoint(ctx.db, { name: "Sportello Digitale Aurora" });
    const startsAt = new Date(Date.now() + 3 * 24 * 3_600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const booking = await ctx.db.booking.create({
      data: {
        citizenId: identity.citizenId,
        pointId: point.id,
        siteId: point.sites[0]?.id ?? null,
        service: "facilitazione",
        mode: "telefono",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        status: "confirmed",
      },
    });
    await app.core.transaction((repos) =>
      notifyCitizen(repos, {
        kind: MessageKind.bookingConfirmed,
        citizenId: identity.citizenId,
        bookingId: booking.id,
        params: { startsAt: startsAt.toISOString() },
        dueAt: new Date(),
        expiresAt: startsAt,
        dedupeKey: `booking.confirmed:${booking.id}:1`,
      }),
    );
    await expect
      .poll(async () => (await ctx.db.outboundMessage.findFirstOrThrow({ where: { bookingId: booking.id } })).state, {
        timeout: 20_000,
      })
      .toBe("sent");

    // the next day, same browser: the page shows it after the conversation's question
    const page = await chromium.context.newPage();
    page.on("pageerror", (error) => problems.push(error.message));
    const again = chatPage(page);
    await again.open(app.url);
    const pushed = page.locator("#log > .msg-bot", { hasText: "Confermato" });
    await pushed.waitFor({ timeout: 20_000 });
    expect(await pushed.innerText()).toContain("Sportello Digitale Aurora");
    expect(await pushed.getByRole("button").allInnerTexts()).toEqual(["1. Sposta", "2. Annulla l'appuntamento"]);
    const reason = await again.turn(() => pushed.getByRole("button", { name: "2. Annulla l'appuntamento" }).click());
    expect(reason).toContain("Perché vuoi annullare?");

    // shown once: acknowledged, a reload does not show it again
    const inboxAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/chat/inbox");
    await again.open(app.url);
    await inboxAnswer;
    await page.waitForTimeout(500);
    expect(await page.locator("#log > .msg-bot", { hasText: "Confermato" }).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
