import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Fails with how to install Chromium when it is not there: the end-to-end tests are never skipped. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: the web chat end-to-end tests need it.\n` +
        "Install it with: sudo apt-get install -y chromium\n" +
        "(or point CHROMIUM_PATH at another Chromium or Chrome binary).",
    );
  }
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile of its own, removed on close. */
export async function launchChromium(
  options: { width?: number; height?: number; reducedMotion?: "reduce" | "no-preference" } = {},
): Promise<Browser> {
  requireChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), "sportello-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    acceptDownloads: true,
    // a small phone
    viewport: { width: options.width ?? 390, height: options.height ?? 780 },
    deviceScaleFactor: 1,
    // instant scrolling: what people who ask for less motion get, and steadier screenshots
    reducedMotion: options.reducedMotion ?? "reduce",
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
