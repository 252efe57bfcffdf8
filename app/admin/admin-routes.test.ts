import { describe, expect, it } from "vitest";
import type { Log } from "../../core/log.js";
import { silentLog } from "../../core/log.js";
import { useIntegration } from "../../test/support/integration.js";
import { startApp } from "../start.js";

const TOKEN = "admin-token-for-tests-0123456789abcdef";

function recordingLog(lines: string[]): Log {
  const write = (a: unknown, b?: string) => lines.push(typeof a === "string" ? a : (b ?? ""));
  const log: Log = { debug: write, info: write, warn: write, error: write, child: () => log };
  return log;
}

describe("operators' pages", () => {
  const ctx = useIntegration();

  it("serves Bull Board and /metrics only with the admin token", async () => {
    const app = await startApp(ctx.config({ ADMIN_TOKEN: TOKEN }), silentLog);
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong-token-0123456789abcdef" } }))
          .status,
      ).toBe(401);
      const metrics = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('sportello_queue_jobs{queue="chores",state="delayed"}');
      expect(text).toContain('sportello_outbound_messages{state="unknown"} 0');
      expect(text).toContain("sportello_process_resident_memory_bytes");

      const refused = await fetch(`${app.url}/admin/queues`);
      expect(refused.status).toBe(401);
      expect(refused.headers.get("www-authenticate")).toContain("Basic");
      const basic = `Basic ${Buffer.from(`ops:${TOKEN}`).toString("base64")}`;
      const board = await fetch(`${app.url}/admin/queues`, { headers: { authorization: basic } });
      expect(board.status).toBe(200);
      expect(await board.text()).toContain('<base href="/admin/queues/"');
      const api = await fetch(`${app.url}/admin/queues/api/queues`, { headers: { authorization: basic } });
      const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name);
      expect(names).toContain("chores");
      expect(names).toContain("messages-web");
    } finally {
      await app.stop();
    }
  });

  it("serves neither without a token, and says so", async () => {
    const lines: string[] = [];
    const app = await startApp(ctx.config(), recordingLog(lines));
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(404);
      expect((await fetch(`${app.url}/admin/queues`)).status).toBe(404);
      expect(lines).toContain("Admin pages off: ADMIN_TOKEN not set (no /admin/queues, no /metrics)");
    } finally {
      await app.stop();
    }
  });

  it("runs channels and HTTP only with WORKERS=off, and the workers alone in the workers role", async () => {
    const channelsOnly = await startApp(ctx.config({ WORKERS: "off", ADMIN_TOKEN: TOKEN }), silentLog);
    try {
      expect(channelsOnly.workers).toBeUndefined();
      // the dashboard still shows the queues the worker processes use
      const metrics = await (
        await fetch(`${channelsOnly.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
      ).text();
      expect(metrics).toContain('queue="messages-web"');
    } finally {
      await channelsOnly.stop();
    }
    const workersOnly = await startApp(ctx.config(), silentLog, { role: "workers" });
    try {
      expect(workersOnly.workers?.queues.map((q) => q.name).sort()).toEqual(["chores", "messages-web"]);
      expect((await fetch(`${workersOnly.url}/`)).status).toBe(404); // no web chat in a workers process
      expect((await fetch(`${workersOnly.url}/healthz`)).status).toBe(200);
    } finally {
      await workersOnly.stop();
    }
  });
});
