import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "../..");
const BIOME = join(ROOT, "node_modules/.bin/biome");

/**
 * The import rules of biome.json, checked on fixture files laid out like the project (in a
 * temporary copy, so the project's own lint never sees them): app/ composes; core/ imports no
 * adapter; bots/ and workers/ never import app/, nor each other.
 */
describe("layering (biome.json's import rules)", () => {
  let dir: string;
  const files: Record<string, string> = {
    "bots/web/imports-app.ts": 'import { loadConfig } from "../../app/config.js";\n\nexport const c = loadConfig;\n',
    "bots/web/imports-workers.ts": 'import { job } from "../../workers/job.js";\n\nexport const j = job;\n',
    "bots/web/imports-route.ts":
      'import type { Route } from "../http/route.js";\n\nexport const routes: Route[] = [];\n',
    "workers/imports-app.ts": 'import { startApp } from "../app/start.js";\n\nexport const s = startApp;\n',
    "workers/imports-bots.ts": 'import { x } from "../bots/telegram/telegram-bot.js";\n\nexport const b = x;\n',
    "workers/imports-core.ts":
      'import { SportelloError } from "../core/errors.js";\n\nexport const e = SportelloError;\n',
    "core/imports-app.ts": 'import { loadConfig } from "../app/config.js";\n\nexport const c = loadConfig;\n',
    "app/imports-bots.ts": 'import { x } from "../bots/web/web-chat-routes.js";\n\nexport const w = x;\n',
  };
  let report = "";

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sportello-lint-"));
    await copyFile(join(ROOT, "biome.json"), join(dir, "biome.json"));
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    const result = await run(BIOME, ["lint", "--vcs-enabled=false", "--max-diagnostics=100", "."], { cwd: dir }).then(
      (ok) => ({ code: 0, out: ok.stdout + ok.stderr }),
      (failed: { code: number; stdout: string; stderr: string }) => ({
        code: failed.code,
        out: failed.stdout + failed.stderr,
      }),
    );
    expect(result.code).not.toBe(0);
    report = result.out;
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const refused = (path: string) => report.includes(`${path}:1:`) && report.includes("noRestrictedImports");

  it("refuses bots/ importing app/ or workers/", () => {
    expect(refused("bots/web/imports-app.ts")).toBe(true);
    expect(refused("bots/web/imports-workers.ts")).toBe(true);
  });

  it("refuses workers/ importing app/ or a channel", () => {
    expect(refused("workers/imports-app.ts")).toBe(true);
    expect(refused("workers/imports-bots.ts")).toBe(true);
  });

  it("refuses core/ importing app/", () => {
    expect(refused("core/imports-app.ts")).toBe(true);
  });

  it("lets channels use the shared route type, workers use core, and app compose", () => {
    expect(report).not.toContain("bots/web/imports-route.ts");
    expect(report).not.toContain("workers/imports-core.ts");
    expect(report).not.toContain("app/imports-bots.ts");
  });
});
