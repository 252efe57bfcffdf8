import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { postgresNumberLock } from "../app/db/whatsapp-number-lock.js";
import { capture } from "../test/support/cli-capture.js";
import { scriptedPhone } from "../test/support/fake-baileys/scripted-phone.js";
import { useIntegration } from "../test/support/integration.js";
import { parseLinkArgs, whatsappLinkCommand } from "./whatsapp-link.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..");

describe("npm run whatsapp:link", () => {
  const ctx = useIntegration();

  it("explains its usage and refuses bad arguments with exit code 2", async () => {
    expect(parseLinkArgs(["--phone", "+39 333 123 4567"])).toEqual({ phone: "393331234567", qr: false, relink: false });
    expect(parseLinkArgs(["--qr", "--session", "torino"])).toEqual({ qr: true, relink: false, session: "torino" });
    for (const args of [[], ["--phone"], ["--phone", "12"], ["--qr", "--phone", "393331234567"], ["--boh"]]) {
      const io = capture();
      expect(await whatsappLinkCommand(args, io, { config: ctx.config() })).toBe(2);
      expect(io.stderr).toContain("Uso: npm run whatsapp:link");
    }
    const help = capture();
    expect(await whatsappLinkCommand(["--help"], help)).toBe(0);
    expect(help.stdout).toContain("--phone <numero>");
  });

  it("links a number against the fake socket, storing the auth state in PostgreSQL", async () => {
    const phone = scriptedPhone({ phone: "393331234567", lid: "555000555000555" });
    const io = capture();
    const code = await whatsappLinkCommand(["--phone", "393331234567", "--session", "cli"], io, {
      config: ctx.config(),
      makeSocket: phone.factory,
    });
    expect(io.stderr).toBe("");
    expect(code).toBe(0);
    expect(io.stdout).toContain("Codice di collegamento: ABCD-1234");
    expect(io.stdout).toContain('Collegato: il numero è pronto per la sessione "cli"');
    const row = await ctx.db.whatsappSession.findUniqueOrThrow({ where: { name: "cli" } });
    expect(JSON.parse(row.creds).registered).toBe(true);
  });

  it("a second process is refused the number while another holds it, with a clear message", async () => {
    const held = await postgresNumberLock(ctx.databaseUrl).acquire("busy");
    expect(held.acquired).toBe(true);
    try {
      const failed = await run(
        join(ROOT, "node_modules/.bin/tsx"),
        ["scripts/whatsapp-link.ts", "--phone", "393331234567"],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            NODE_ENV: "test",
            DATABASE_URL: ctx.databaseUrl,
            WHATSAPP_SESSION: "busy",
            LOG_LEVEL: "silent",
          },
          timeout: 60_000,
        },
      ).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain(
        'Collegamento non riuscito: WhatsApp session "busy" is already in use by another Sportello process',
      );
      expect(failed.stderr).toContain(`pid ${process.pid}`);
    } finally {
      if (held.acquired) await held.lock.release();
    }
  });
});
