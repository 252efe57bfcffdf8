import { existsSync } from "node:fs";
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/**
 * Which Chromium the browser tests drive, in this order:
 * 1. `CHROMIUM_PATH`, when set;
 * 2. Debian's `/usr/bin/chromium`, when installed;
 * 3. the headless Chromium inside the npm package `@sparticuz/chromium` (a devDependency, pinned
 *    with playwright-core so the two stay compatible), unpacked on first use into a folder named
 *    after its version, so a leftover of another version is never picked up.
 */
export interface ChromiumBinary {
  path: string;
  /** Said in the test title, so a run shows which browser it used. */
  source: string;
  args: string[];
  env: Record<string, string>;
}

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

const COMMON_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const WEAKENING_ARGS = new Set(["--disable-web-security", "--allow-running-insecure-content"]);

let resolved: Promise<ChromiumBinary> | undefined;

export function resolveChromium(): Promise<ChromiumBinary> {
  resolved ??= locate();
  return resolved;
}

async function locate(): Promise<ChromiumBinary> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv}: no such file`);
    return { path: fromEnv, source: `CHROMIUM_PATH ${fromEnv}`, args: ["--headless", ...COMMON_ARGS], env: {} };
  }
  if (existsSync(DEBIAN_CHROMIUM)) {
    return { path: DEBIAN_CHROMIUM, source: DEBIAN_CHROMIUM, args: ["--headless", ...COMMON_ARGS], env: {} };
  }
  return packagedChromium();
}

/**
 * Unpacks @sparticuz/chromium into `<tmp>/sportello-chromium-<version>`. The package unpacks into
 * `os.tmpdir()`; it is pointed at a private staging folder, which is renamed into place only once
 * complete: an interrupted unpack, or two test files unpacking at once, never leave a broken copy.
 */
async function packagedChromium(): Promise<ChromiumBinary> {
  const manifest = await packageManifest("@sparticuz/chromium");
  const target = join(tmpdir(), `sportello-chromium-${manifest.version}`);
  const binary = join(target, "chromium");
  if (!existsSync(binary)) {
    const staging = await mkdtemp(join(tmpdir(), `sportello-chromium-${manifest.version}-partial-`));
    const { default: Chromium } = await import("@sparticuz/chromium");
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = staging;
    try {
      Chromium.setGraphicsMode = false;
      await Chromium.executablePath();
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    }
    // its fonts.conf names /tmp/fonts: give Chromium one that names where the fonts now are
    await writeFile(
      join(staging, "sportello-fonts.conf"),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <dir>${join(target, "fonts")}</dir>\n  <dir>/usr/share/fonts</dir>\n` +
        `  <cachedir>${join(target, "fonts-cache")}</cachedir>\n</fontconfig>\n`,
    );
    try {
      await rename(staging, target);
    } catch (error) {
      // another test file finished first: use its copy
      await rm(staging, { recursive: true, force: true });
      if (!existsSync(binary)) throw error;
    }
  }
  const { default: Chromium } = await import("@sparticuz/chromium");
  Chromium.setGraphicsMode = false;
  return {
    path: binary,
    source: `@sparticuz/chromium ${manifest.version}`,
    // its serverless flags, minus those that would weaken what the tests check (CSP, same-origin)
    args: [...Chromium.args.filter((arg) => !WEAKENING_ARGS.has(arg)), ...COMMON_ARGS],
    env: { FONTCONFIG_FILE: join(target, "sportello-fonts.conf") },
  };
}

/** The installed package's own package.json (the package does not export it). */
async function packageManifest(name: string): Promise<{ version: string }> {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(await readFile(file, "utf8")) as { name?: string; version: string };
      if (manifest.name === name) return manifest;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${name}: package.json not found`);
    dir = parent;
  }
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile of its own, removed on close. */
export async function launchChromium(
  options: { width?: number; height?: number; reducedMotion?: "reduce" | "no-preference"; locale?: string } = {},
): Promise<Browser> {
  const binary = await resolveChromium();
  const userDataDir = await mkdtemp(join(tmpdir(), "sportello-chromium-profile-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: binary.path,
    headless: true,
    args: [...new Set(binary.args)],
    env: { ...process.env, ...binary.env },
    locale: options.locale ?? "it-IT",
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
