import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../app/start.js";
import { silentLog } from "../../core/log.js";
import { createTestPoint } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { chatPage } from "./chat-page.js";
import { type Browser, launchChromium, resolveChromium } from "./chromium.js";

const POINT = "Biblioteca civica Garibaldi";
/** A day button: "3. lun 9 mar (7 posti)" (number, day, free places). */
const DAY = /^\d+\. \p{L}{3} \d{1,2} \p{L}{3} \((\d+ posti|1 posto)\)$/u;
const TIME = /^\d+\. \d{2}:\d{2}$/;

/**
 * A citizen in a real headless Chromium, on the whole app (test database, one point in Torino,
 * the real clock). The browser comes with `npm install` when the machine has none (see
 * chromium.ts); the title says which one ran. Set E2E_SCREENSHOT_DIR to keep screenshots of the
 * booking confirmation.
 */
const browser = await resolveChromium();

describe(`web chat in Chromium (${browser.source})`, () => {
  const ctx = useIntegration();
  let app: RunningApp;
  let pointId: string;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    pointId = (await createTestPoint(ctx.db, { name: POINT })).id;
    app = await startApp(ctx.config(), silentLog);
  });
  afterEach(async () => {
    await Promise.all(browsers.splice(0).map((b) => b.close()));
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** A fresh browser; the page's console errors (CSP violations included) are collected. */
  async function open(options: Parameters<typeof launchChromium>[0] = {}) {
    const browser = await launchChromium(options);
    browsers.push(browser);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    return { browser, page, chat: chatPage(page), problems };
  }

  const focusStyle = (page: Page) =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement as Element);
      return { outlineStyle: style.outlineStyle, outlineWidth: Number.parseFloat(style.outlineWidth) };
    });

  it("books, downloads the calendar, reschedules and cancels, with keyboard and mouse", async () => {
    const { page, chat, problems } = await open();

    const greeting = await chat.open(app.url);
    expect(await page.title()).toBe("Sportello – Punti di facilitazione digitale");
    expect(greeting).toContain("Ciao! 👋 Sono Sportello");
    // the bot's line breaks are kept
    expect(await page.locator("#log .msg-text").first().innerText()).toContain(
      "Punti di facilitazione digitale.\nTi aiuto",
    );

    // keyboard only: Tab to the first choice, Enter to press it; the focus then follows the new buttons
    await page.keyboard.press("Tab");
    expect(await chat.focused()).toBe("Vai alla casella per scrivere");
    await page.keyboard.press("Tab");
    expect(await chat.focused()).toBe("1. Italiano");
    const ring = await focusStyle(page);
    expect(ring.outlineStyle).toBe("solid");
    expect(ring.outlineWidth).toBeGreaterThanOrEqual(3);
    expect(await chat.enter()).toContain("Per prenotare devo salvare alcuni tuoi dati");
    expect(await chat.focused()).toBe("1. Accetto");
    expect(await chat.enter()).toContain("Grazie! ✅");
    expect(await chat.focused()).toBe("1. Trova un punto vicino");
    await page.keyboard.press("Tab");
    expect(await chat.focused()).toBe("2. Prenota un appuntamento");
    expect(await chat.enter()).toContain("Dove ti trovi?");
    expect(await chat.button("Invia la mia posizione").isVisible()).toBe(true);

    // typing the comune
    const results = await chat.type("Torino");
    expect(results).toContain("Ecco i punti più vicini a Torino");
    expect(results).toContain(POINT);

    // the mouse from here
    expect(await chat.press(`1. ${POINT}`)).toContain("Che tipo di aiuto ti serve?");
    expect(await chat.press(/^\d\. Con un facilitatore/)).toContain("Come vuoi ricevere l'aiuto?");
    expect(await chat.press(/^\d\. Di persona, al punto$/)).toContain("Che giorno?");
    const firstDay = chat.lastChoices().getByRole("button", { name: DAY }).first();
    const bookedDay = (await firstDay.innerText()).replace(/^\d+\. /, "").replace(/ \((\d+ posti|1 posto)\)$/, "");
    expect(await chat.turn(() => firstDay.click())).toContain("A che ora?");
    expect(await chat.turn(() => chat.lastChoices().getByRole("button", { name: TIME }).first().click())).toContain(
      "Per cosa ti serve aiuto?",
    );
    const summary = await chat.press(/^\d+\. SPID o carta d'identità elettronica$/);
    expect(summary).toContain("Controlla, per favore:");
    expect(summary).toContain(POINT);
    const done = await chat.press(/^\d\. Conferma$/);
    expect(done).toContain("Fatto! ✅ Ti aspettiamo");
    expect(done).toContain("Via Garibaldi 1, 10122 Torino");

    const screenshot = await page.screenshot();
    expect(screenshot.subarray(1, 4).toString("latin1")).toBe("PNG");
    if (process.env.E2E_SCREENSHOT_DIR) {
      await mkdir(process.env.E2E_SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(process.env.E2E_SCREENSHOT_DIR, "booking-confirmation.png") });
      await page.screenshot({ path: join(process.env.E2E_SCREENSHOT_DIR, "booking-full.png"), fullPage: true });
    }

    const booking = await ctx.db.booking.findFirstOrThrow({ where: { pointId } });
    expect(booking.status).toBe("confirmed");

    // the calendar file, downloaded from a Blob link
    const withFile = await chat.press(/^\d\. Aggiungi al calendario$/);
    expect(withFile).toContain("Il tuo appuntamento. Aprilo per aggiungerlo al calendario.");
    const link = page.getByRole("link", { name: /^Scarica il file appuntamento-\d{4}-\d{2}-\d{2}\.ics$/ }).last();
    expect(await link.getAttribute("href")).toMatch(/^blob:/);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^appuntamento-\d{4}-\d{2}-\d{2}\.ics$/);
    const ics = await readFile(await download.path(), "utf8");
    expect(ics.startsWith("BEGIN:VCALENDAR")).toBe(true);
    expect(ics).toContain(`UID:${booking.id}@sportello`);

    // my appointments → reschedule to another day
    const mine = await chat.press(/^\d\. I miei appuntamenti$/);
    expect(mine).toContain("I tuoi appuntamenti:");
    expect(mine).toContain(`${POINT} (confermato)`);
    expect(await chat.press(/^1\. /)).toContain("Stato: confermato");
    expect(await chat.press(/^\d\. Cambia giorno o ora$/)).toContain("In che giorno vuoi spostarlo?");
    const otherDay = chat
      .lastChoices()
      .getByRole("button", { name: DAY })
      .filter({ hasNotText: new RegExp(`^\\d+\\. ${bookedDay} \\(`) })
      .first();
    expect(await chat.turn(() => otherDay.click())).toContain("A che ora?");
    const times = chat.lastChoices().getByRole("button", { name: TIME });
    expect(await chat.turn(() => times.last().click())).toContain("Va bene?");
    const moved = await chat.type("sì");
    expect(moved).toContain("Fatto! ✅ L'appuntamento ora è");
    const rescheduled = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(rescheduled.startsAt.getTime()).not.toBe(booking.startsAt.getTime());

    // …and cancel it, with a reason
    expect(await chat.press(/^\d\. Annulla l'appuntamento$/)).toContain(
      "Perché vuoi annullare? Scegli un motivo e annullo l'appuntamento.",
    );
    const cancelled = await chat.press(/^\d\. Ho già risolto$/);
    expect(cancelled).toContain("Appuntamento annullato. ✅");
    expect(cancelled).toContain("Non hai appuntamenti in programma.");
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      status: "cancelled_by_citizen",
      cancelReason: "risolto_da_solo",
    });

    // nothing was blocked by the Content-Security-Policy, no script error
    expect(problems).toEqual([]);
  });

  it("keeps no cookie before the first answer, rotates it at consent, and a reload goes on where it was", async () => {
    const { browser, chat, problems } = await open();
    const sessionCookies = async () =>
      (await browser.context.cookies(app.url)).filter((c) => c.name === "sportello_chat");
    const greeting = await chat.open(`${app.url}/?start=p_${pointId}`);
    expect(greeting).toContain("Ciao! 👋 Sono Sportello");
    expect(await sessionCookies()).toEqual([]);

    await chat.press("1. Italiano");
    const [anonymous] = await sessionCookies();
    expect(anonymous).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(anonymous?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // the deep link's point opens once the privacy notice is accepted
    const card = await chat.press("1. Accetto");
    expect(card).toContain("Grazie! ✅");
    expect(card).toContain("Via Garibaldi 1, 10122 Torino");
    const [consented] = await sessionCookies();
    expect(consented?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consented?.value).not.toBe(anonymous?.value);

    // a new tab of the same browser (a reload, the next day) resumes the same chat
    const again = await chatPage(await browser.context.newPage()).open(app.url);
    expect(again).toContain(POINT);
    expect(again).not.toContain("Ciao! 👋 Sono Sportello");
    expect(problems).toEqual([]);
  });

  it("understands the number of a choice typed instead of pressed, and old buttons", async () => {
    const { chat } = await open();
    await chat.open(app.url);
    const answer = await chat.type("1");
    expect(answer).toContain("Per prenotare devo salvare alcuni tuoi dati");
    expect(await chat.buttons()).toEqual(["1. Accetto", "2. Leggi di più", "3. Non accetto"]);
    // the typed text stays in the box's history, not in the box
    expect(await chat.input.inputValue()).toBe("");
    expect(await chat.page.locator("#log > .msg-user").last().innerText()).toContain("1");
    // an old button still answers: the engine says so and asks the current question again
    const old = chat.page.locator("#log .choices").first().getByRole("button", { name: "2. English" });
    const again = await chat.turn(() => old.click());
    expect(again).toContain("Quel pulsante è di un messaggio vecchio");
    expect(await chat.buttons()).toEqual(["1. Accetto", "2. Leggi di più", "3. Non accetto"]);
  });

  it("finds the point from the browser's position and shows it on a map card", async () => {
    const { browser, page, chat, problems } = await open();
    await browser.context.grantPermissions(["geolocation"], { origin: app.url });
    await browser.context.setGeolocation({ latitude: 45.07, longitude: 7.68 });
    await chat.open(app.url);
    await chat.press("1. Italiano");
    await chat.press("3. Non accetto");
    expect(await chat.press("1. Trova un punto vicino")).toContain("Dove ti trovi?");

    const near = await chat.press("Invia la mia posizione");
    expect(near).toContain("Ecco i punti più vicini a te");
    expect(near).toContain(POINT);
    expect(await page.locator("#log > .msg-user").last().innerText()).toContain("Ho inviato la mia posizione");

    const card = await chat.press(`1. ${POINT}`);
    expect(card).toContain("Via Garibaldi 1, 10122 Torino");
    const map = page.getByRole("link", { name: "Apri la mappa (si apre in una nuova scheda)" }).last();
    expect(await map.getAttribute("href")).toBe(
      "https://www.openstreetmap.org/?mlat=45.0735&mlon=7.6813#map=17/45.0735/7.6813",
    );
    expect(await map.getAttribute("target")).toBe("_blank");
    expect(await map.getAttribute("rel")).toBe("noopener");
    expect(problems).toEqual([]);
  });

  it("says kindly to type the comune when the browser refuses the position", async () => {
    const { browser, page, chat } = await open();
    await browser.context.clearPermissions();
    await chat.open(app.url);
    await chat.press("1. Italiano");
    await chat.press("3. Non accetto");
    await chat.press("1. Trova un punto vicino");
    await chat.button("Invia la mia posizione").click();
    const note = page.locator("#log > .msg-note").last();
    await note.waitFor();
    expect(await note.innerText()).toContain("scrivi qui sotto il nome del tuo comune o il CAP");
    // the focus is in the box, ready to type
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("message");
    expect(await chat.type("Torino")).toContain(POINT);
  });

  it("shows «Sto scrivendo…» while waiting, and a kind retry after a network error", async () => {
    const { page, chat } = await open();
    await chat.open(app.url);

    // the answer is held back until the status has been seen
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/api/chat", async (route) => {
      await held;
      await route.continue();
    });
    const answered = chat.press("1. Italiano");
    await page.getByRole("status").filter({ hasText: "Sto scrivendo…" }).waitFor();
    release();
    expect(await answered).toContain("Per prenotare devo salvare alcuni tuoi dati");
    expect(await page.getByRole("status").innerText()).toBe("");
    await page.unroute("**/api/chat");

    // the network fails once: a kind message and a «Riprova» button
    await page.route("**/api/chat", (route) => route.abort("internetdisconnected"), { times: 1 });
    await chat.button("1. Accetto").click();
    const problem = page.locator("#log > .msg-note").last();
    await problem.waitFor();
    expect(await problem.innerText()).toContain("Non riesco a collegarmi");
    expect(await chat.focused()).toBe("Riprova");
    expect(await chat.enter()).toContain("Grazie! ✅");
  });

  it("never turns what the citizen types into HTML", async () => {
    const { page, chat, problems } = await open({ reducedMotion: "no-preference" });
    await chat.open(app.url);
    await chat.press("1. Italiano");
    await chat.press("3. Non accetto");
    await chat.press("1. Trova un punto vicino");
    const typed = '<img src=x onerror="document.title=1">Zqxw';
    const answer = await chat.type(typed);
    expect(answer).toContain("Non trovo «<img src=x");
    expect(await page.locator("#log img").count()).toBe(0);
    expect(await page.locator("#log > .msg-user").last().innerText()).toContain(typed);
    expect(await page.title()).toBe("Sportello – Punti di facilitazione digitale");
    expect(problems).toEqual([]);
  });

  it("passes an accessibility smoke check", async () => {
    const { page, chat } = await open({ width: 320, height: 640 });
    await chat.open(app.url);
    await chat.press("1. Italiano");
    await chat.press("1. Accetto");
    await chat.press("1. Trova un punto vicino");

    expect(await page.locator("html").getAttribute("lang")).toBe("it");
    const log = page.locator("#log");
    expect(await log.getAttribute("role")).toBe("log");
    expect(await log.getAttribute("aria-live")).toBe("polite");
    expect(await page.getByLabel("Scrivi qui il tuo messaggio").evaluate((el) => el.id)).toBe("message");
    expect(await page.locator("label[for=message]").isVisible()).toBe(true);

    // every button has an accessible name; choices carry their number
    const buttons = page.locator("button");
    const count = await buttons.count();
    expect(count).toBeGreaterThan(8);
    const snapshot = await page.locator("body").ariaSnapshot();
    const named = snapshot.match(/- button "[^"]+"/g) ?? [];
    expect(named).toHaveLength(count);
    expect(snapshot).toContain('- button "1. Trova un punto vicino"');
    expect(snapshot).toContain('- button "Invia la mia posizione"');
    for (const button of await page.locator("button.choice").all()) {
      expect(await button.evaluate((el) => el.tagName)).toBe("BUTTON");
    }

    // large text, big targets, strong contrast, no sideways scrolling on a 320 px phone
    const metrics = await page.evaluate(() => {
      const luminance = (color: string) => {
        const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((c) => {
          const v = Number(c) / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
      };
      const background = (el: Element | null): string => {
        for (let node = el; node; node = node.parentElement) {
          const bg = getComputedStyle(node).backgroundColor;
          if (bg !== "rgba(0, 0, 0, 0)" && bg !== "transparent") return bg;
        }
        return "rgb(255, 255, 255)";
      };
      const contrast = (selector: string) => {
        const el = document.querySelector(selector);
        if (!el) return 0;
        const [a, b] = [luminance(getComputedStyle(el).color), luminance(background(el))];
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      };
      const choice = document.querySelector("#log .choice")?.getBoundingClientRect();
      return {
        fontSize: Number.parseFloat(getComputedStyle(document.body).fontSize),
        hintSize: Number.parseFloat(getComputedStyle(document.querySelector(".hint") as Element).fontSize),
        choiceHeight: choice?.height ?? 0,
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        contrasts: {
          bot: contrast("#log .msg-bot .msg-text"),
          user: contrast("#log .msg-user .msg-text"),
          choice: contrast("#log .choice"),
          hint: contrast(".hint"),
          tagline: contrast(".tagline"),
          header: contrast(".top h1"),
          label: contrast(".composer-label"),
        },
      };
    });
    expect(metrics.fontSize).toBeGreaterThanOrEqual(18);
    expect(metrics.hintSize).toBeGreaterThanOrEqual(18);
    expect(metrics.choiceHeight).toBeGreaterThanOrEqual(44);
    expect(metrics.sideways).toBe(false);
    for (const [what, ratio] of Object.entries(metrics.contrasts)) {
      expect(ratio, `contrast of ${what}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});
