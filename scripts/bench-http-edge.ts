/**
 * Hostile traffic at the HTTP edge of the running app, on loopback, for about a minute. The app
 * runs as `npm start` would (its own process, JSON logs, its own database seeded with the demo
 * network and its own Redis prefix); this process plays many hostile clients at once:
 *
 *   bad request targets   `GET //[`, `GET http://[`, `GET //a:b:c`, `GET //%` … on raw sockets
 *   unparseable requests  bad header names, Content-Length with Transfer-Encoding, garbage, 20 KB headers
 *   cookieless looks      `resume` and `start` without a cookie (must keep nothing)
 *   invented cookies      messages with made-up session tokens (must be refused, keep nothing)
 *   cookieless openings   first messages without a cookie (each may open a session: limited per address)
 *   other origins         chat posts with a foreign Origin or Sec-Fetch-Site
 *   huge bodies           100 KB chat posts
 *   aborted uploads       a body cut off halfway
 *   control characters    NUL and lone surrogates in a real session's messages
 *   silent connections    sockets that never send a byte (20 at a time)
 *   slow headers          headers dripped one line a second (5 at a time)
 *   /healthz              probed twice a second throughout
 *
 * It prints: requests (by kind and answer), sockets left open at the end (by the server's own
 * count of established connections, and this side's raw sockets), Redis keys created, errors the
 * app logged, and whether /healthz stayed 200. Figures only; it asserts nothing.
 *
 * Options: --seconds=60 (length of the load) --addresses=1 (with N > 1 the app trusts 127.0.0.1 as a
 *   proxy and the clients spread over N addresses in X-Forwarded-For, to see the per-address bounds add up)
 * Environment: BENCH_DATABASE_URL (admin connection, default postgresql://postgres@127.0.0.1:5432/postgres),
 *   BENCH_REDIS_URL (default redis://127.0.0.1:6379). The database sportello_bench_http_<stamp> and the
 *   Redis prefix bench-http-edge:<stamp> are removed at the end, also after a failure or Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { RawConnection } from "../test/support/raw-http.js";
import { createBenchDatabase, deleteRedisKeys, dropBenchDatabase } from "./bench/resources.js";
import { fixed, int, table } from "./bench/stats.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Settings -------------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]) {
  const settings = { seconds: 60, addresses: 1 };
  for (const arg of argv) {
    const match = /^--(seconds|addresses)=(\d+)$/.exec(arg);
    if (!match?.[1]) throw new Error(`unknown argument ${arg} (options: --seconds=60 --addresses=1)`);
    const value = Number(match[2]);
    if (value < 1) throw new Error(`--${match[1]} must be at least 1`);
    settings[match[1] as keyof typeof settings] = value;
  }
  return settings;
}

const settings = parseArgs(process.argv.slice(2));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const STAMP = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
const DATABASE_NAME = `sportello_bench_http_${STAMP}`;
const REDIS_PREFIX = `bench-http-edge:${STAMP}`;
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** After the load: how long the last hostile sockets get to be closed by the server (silent ones last 10 s, slow headers 10–11 s). */
const GRACE_MS = 15_000;

// ---- The app, as its own process --------------------------------------------------------------------------------

interface AppProcess {
  child: ChildProcess;
  url: string;
  port: number;
  logs: { level: number; msg: string; refused?: Record<string, number> }[];
}

async function startAppProcess(databaseUrl: string): Promise<AppProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: "0",
      PUBLIC_URL: "",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX,
      LOG_FORMAT: "json",
      LOG_LEVEL: "info",
      DEMO_SEED: "false",
      WEB_CHAT_ENABLED: "true",
      TELEGRAM_BOT_TOKEN: "",
      TRUSTED_PROXY: settings.addresses > 1 ? "127.0.0.1" : "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: AppProcess["logs"] = [];
  let resolveUrl: (url: string) => void = () => {};
  const started = new Promise<string>((resolve) => {
    resolveUrl = resolve;
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    try {
      const entry = JSON.parse(line) as { level: number; msg?: string; url?: string; refused?: Record<string, number> };
      logs.push({ level: entry.level, msg: entry.msg ?? "", ...(entry.refused ? { refused: entry.refused } : {}) });
      if (entry.url && entry.msg?.startsWith("Sportello is running")) resolveUrl(entry.url);
    } catch {
      logs.push({ level: 50, msg: `not a JSON log line: ${line.slice(0, 120)}` });
    }
  });
  (child.stderr as NodeJS.ReadableStream).on("data", (chunk: Buffer) => process.stderr.write(`[app] ${chunk}`));
  const url = await Promise.race([
    started,
    once(child, "exit").then(([code]) => Promise.reject(new Error(`the app exited during start-up (code ${code})`))),
    sleep(60_000).then(() => Promise.reject(new Error("the app did not start within 60 s"))),
  ]);
  return { child, url, port: Number(new URL(url).port), logs };
}

async function stopAppProcess(app: AppProcess | undefined): Promise<void> {
  if (!app || app.child.exitCode !== null) return;
  const exited = once(app.child, "exit");
  app.child.kill("SIGTERM");
  if (!(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) app.child.kill("SIGKILL");
}

/** Established TCP connections whose local port is the app's: the server's side of every open socket (Linux). */
function serverSockets(port: number): number | undefined {
  let count = 0;
  try {
    for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
        const fields = line.trim().split(/\s+/);
        const local = fields[1];
        if (!local || fields[3] !== "01") continue;
        if (Number.parseInt(local.slice(local.lastIndexOf(":") + 1), 16) === port) count += 1;
      }
    }
    return count;
  } catch {
    return undefined;
  }
}

async function redisKeys(): Promise<Map<string, number>> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const kinds = new Map<string, number>();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${REDIS_PREFIX}:*`, "COUNT", 1000);
      cursor = next;
      for (const key of keys) {
        const kind = key.slice(REDIS_PREFIX.length + 1).split(":")[0] ?? "?";
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return kinds;
}

// ---- Clients ------------------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function httpCall(
  port: number,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
  via = agent,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, agent: via, headers, timeout: 20_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }),
      );
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("no answer within 20 s")));
    req.on("error", reject);
    req.end(body);
  });
}

const token = () => randomBytes(32).toString("base64url");

interface Actor {
  name: string;
  loops: number;
  /** Outcomes that are the right answer to this kind of hostility. */
  expected: ReadonlySet<string>;
  step(port: number, from: string): Promise<string>;
}

const json = { "content-type": "application/json" };

function chatPost(port: number, from: string, payload: unknown, headers: Record<string, string> = {}) {
  const forwarded: Record<string, string> = settings.addresses > 1 ? { "x-forwarded-for": from } : {};
  return httpCall(port, "POST", "/api/chat", JSON.stringify(payload), { ...json, ...forwarded, ...headers });
}

async function rawOutcome(port: number, data: string, closeExpected: boolean): Promise<string> {
  const connection = await RawConnection.open(port);
  try {
    const response = await connection.request(data, 10_000);
    if (!response) return "no answer";
    const nosniff = response.headers["x-content-type-options"] === "nosniff" ? "" : " without nosniff";
    if (!closeExpected) return `${response.status}${nosniff}`;
    return `${response.status}${nosniff}${(await connection.closedWithin(3_000)) ? " closed" : " left open"}`;
  } finally {
    connection.destroy();
  }
}

const BAD_TARGETS = ["//[", "http://[", "//a:b:c", "//%", "http://[/api/chat", "*", "//%zz/../../etc/passwd"];
const UNPARSEABLE = [
  "GET / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n",
  "POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
  "POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 9\r\n\r\nx",
  "\u0000\u0001garbage\r\n\r\n",
  `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
];

/** A real session, opened once, that keeps sending text no database could store. */
let controlSession: string | undefined;

const ACTORS: Actor[] = [
  {
    name: "bad request targets",
    loops: 2,
    expected: new Set(["400 closed", "404"]),
    step: (port, _from) => {
      const target = BAD_TARGETS[Math.floor(Math.random() * BAD_TARGETS.length)] ?? "//[";
      const odd = target.startsWith("/");
      return rawOutcome(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, !odd);
    },
  },
  {
    name: "unparseable requests",
    loops: 1,
    expected: new Set(["400 closed", "431 closed"]),
    step: (port) => rawOutcome(port, UNPARSEABLE[Math.floor(Math.random() * UNPARSEABLE.length)] ?? "", true),
  },
  {
    name: "cookieless looks",
    loops: 1,
    expected: new Set(["200", "429"]),
    step: async (port, from) =>
      String((await chatPost(port, from, Math.random() < 0.5 ? { type: "resume" } : { type: "start" })).status),
  },
  {
    name: "invented cookies",
    loops: 1,
    expected: new Set(["400 session_missing", "200 preview", "429"]),
    step: async (port, from) => {
      const payload = [{ type: "text", text: "ciao" }, { type: "button", data: "1.it" }, { type: "resume" }][
        Math.floor(Math.random() * 3)
      ];
      const answer = await chatPost(port, from, payload, { cookie: `sportello_chat=${token()}` });
      if (answer.status === 400) return `400 ${(JSON.parse(answer.body) as { error?: string }).error}`;
      if (answer.status === 200) return "200 preview";
      return String(answer.status);
    },
  },
  {
    name: "cookieless openings",
    loops: 1,
    expected: new Set(["200 new session", "429"]),
    step: async (port, from) => {
      const answer = await chatPost(port, from, { type: "button", data: "1.it" });
      return answer.status === 200 && answer.headers["set-cookie"] ? "200 new session" : String(answer.status);
    },
  },
  {
    name: "other origins",
    loops: 1,
    expected: new Set(["403"]),
    step: async (port, from) => {
      const choices: Array<Record<string, string>> = [
        { origin: "http://evil.example" },
        { origin: "null" },
        { "sec-fetch-site": "cross-site" },
        { "sec-fetch-site": "same-site", origin: `http://127.0.0.1:${port}` },
      ];
      const headers = choices[Math.floor(Math.random() * choices.length)];
      return String((await chatPost(port, from, { type: "resume" }, headers)).status);
    },
  },
  {
    name: "huge bodies",
    loops: 1,
    expected: new Set(["413", "429"]),
    step: async (port, from) =>
      String((await chatPost(port, from, { type: "text", text: "x".repeat(100_000) })).status),
  },
  {
    name: "aborted uploads",
    loops: 1,
    expected: new Set(["aborted"]),
    step: async (port) => {
      const connection = await RawConnection.open(port);
      connection.write(
        'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"type":"text","text":"',
      );
      await sleep(20);
      connection.destroy();
      return "aborted";
    },
  },
  {
    name: "control characters",
    loops: 1,
    expected: new Set(["200", "429"]),
    step: async (port, from) => {
      if (!controlSession) {
        await chatPost(port, from, { type: "start" });
        const opened = await chatPost(port, from, { type: "button", data: "1.it" });
        const cookie = String(opened.headers["set-cookie"] ?? "").split(";")[0];
        if (!cookie?.includes("=")) return `could not open a session (${opened.status})`;
        controlSession = cookie;
      }
      const texts = ["nota\u0000 con NUL", "surrogato \ud800 solo", "\udc00\u0000\u001b", "1\u0000"];
      const text = texts[Math.floor(Math.random() * texts.length)] ?? "";
      await sleep(200); // a person's pace, so that the session's own limit is not the only answer
      const answer = await chatPost(port, from, { type: "text", text }, { cookie: controlSession });
      // "1" accepts the privacy notice: the token rotates, as a browser would the session follows it
      const renewed = String(answer.headers["set-cookie"] ?? "").split(";")[0];
      if (renewed?.includes("=")) controlSession = renewed;
      return answer.status === 200 || answer.status === 429
        ? String(answer.status)
        : `${answer.status} ${(JSON.parse(answer.body) as { error?: string }).error}`;
    },
  },
  {
    name: "silent connections",
    loops: 20,
    expected: new Set(["closed by the server"]),
    step: async (port) => {
      const connection = await RawConnection.open(port);
      const closed = await connection.closedWithin(15_000);
      connection.destroy();
      return closed ? "closed by the server" : "left open 15 s";
    },
  },
  {
    name: "slow headers",
    loops: 5,
    expected: new Set(["closed by the server"]),
    step: async (port) => {
      const connection = await RawConnection.open(port);
      connection.write("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      const drip = setInterval(() => connection.write("X-Drip: 1\r\n"), 1_000);
      const closed = await connection.closedWithin(25_000);
      clearInterval(drip);
      connection.destroy();
      return closed ? "closed by the server" : "left open 25 s";
    },
  },
];

/** Bad targets, unparseable requests, silent sockets and dripping headers, left for the server to close. */
async function lastWave(port: number): Promise<RawConnection[]> {
  const opened: RawConnection[] = [];
  const open = async (data?: string) => {
    const connection = await RawConnection.open(port);
    if (data) connection.write(data);
    opened.push(connection);
    return connection;
  };
  await Promise.all([
    ...BAD_TARGETS.flatMap((target) =>
      Array.from({ length: 8 }, () => open(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`)),
    ),
    ...UNPARSEABLE.flatMap((data) => Array.from({ length: 4 }, () => open(data))),
    ...Array.from({ length: 20 }, () => open()),
    ...Array.from({ length: 5 }, async () => {
      const connection = await open("GET /healthz HTTP/1.1\r\nHost: x\r\n");
      const drip = setInterval(
        () => (connection.isClosed ? clearInterval(drip) : connection.write("X-Drip: 1\r\n")),
        1_000,
      );
      drip.unref();
    }),
  ]);
  return opened;
}

interface Tally {
  requests: number;
  outcomes: Map<string, number>;
}

// ---- Run ----------------------------------------------------------------------------------------------------------

async function run(): Promise<void> {
  out(
    `Settings: ${settings.seconds} s of hostile traffic from ${settings.addresses === 1 ? "one address (127.0.0.1)" : `${settings.addresses} addresses (X-Forwarded-For, 127.0.0.1 trusted as a proxy)`}; ` +
      `${ACTORS.reduce((n, a) => n + a.loops, 0)} concurrent clients plus a /healthz probe every 500 ms`,
  );
  out(
    `Machine: load average ${loadavg()
      .map((l) => fixed(l, 1))
      .join(" ")} (shared with other work: figures are indicative)`,
  );

  let app: AppProcess | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    agent.destroy();
    await stopAppProcess(app);
    await dropBenchDatabase(ADMIN_URL, DATABASE_NAME).catch((error: unknown) =>
      process.stderr.write(`could not drop ${DATABASE_NAME}: ${String(error)}\n`),
    );
    await deleteRedisKeys(REDIS_URL, REDIS_PREFIX).catch((error: unknown) =>
      process.stderr.write(`could not delete the Redis keys ${REDIS_PREFIX}:*: ${String(error)}\n`),
    );
  };
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  try {
    progress("creating the database and seeding the demo network");
    const database = await createBenchDatabase(ADMIN_URL, DATABASE_NAME);
    progress("starting the app");
    app = await startAppProcess(database.url);
    const { port } = app;
    const keysBefore = [...(await redisKeys()).values()].reduce((a, b) => a + b, 0);
    const logsBefore = app.logs.length;
    out(
      `App: ${app.url} (pid ${app.child.pid}), database ${database.name} (${database.points} points), Redis prefix ${REDIS_PREFIX}`,
    );

    const tallies = new Map<string, Tally>(ACTORS.map((a) => [a.name, { requests: 0, outcomes: new Map() }]));
    const note = (tally: Tally, outcome: string) => {
      tally.requests += 1;
      tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
    };
    const deadline = Date.now() + settings.seconds * 1000;
    const running = () => Date.now() < deadline;
    const addressOf = (i: number) => `198.18.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
    let clientNumber = 0;

    const loops = ACTORS.flatMap((actor) =>
      Array.from({ length: actor.loops }, async () => {
        const tally = tallies.get(actor.name) as Tally;
        while (running()) {
          const from = addressOf(clientNumber++ % settings.addresses);
          try {
            note(tally, await actor.step(port, from));
          } catch (error) {
            note(tally, `client error: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
            await sleep(50);
          }
        }
      }),
    );

    const health = { probes: 0, ok: 0, worstMs: 0, other: new Map<string, number>() };
    const healthAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const probe = (async () => {
      while (running()) {
        const started = performance.now();
        try {
          const answer = await httpCall(port, "GET", "/healthz", undefined, {}, healthAgent);
          health.probes += 1;
          if (answer.status === 200) health.ok += 1;
          else {
            // which check was down, and why
            let what = String(answer.status);
            try {
              const report = JSON.parse(answer.body) as { checks?: Record<string, { status: string; error?: string }> };
              const down = Object.entries(report.checks ?? {}).filter(([, c]) => c.status !== "up");
              if (down.length) what += ` (${down.map(([name, c]) => `${name}: ${c.error ?? c.status}`).join("; ")})`;
            } catch {
              // not a health report: the status says enough
            }
            health.other.set(what, (health.other.get(what) ?? 0) + 1);
          }
        } catch (error) {
          health.probes += 1;
          const what = (error as Error).message;
          health.other.set(what, (health.other.get(what) ?? 0) + 1);
        }
        health.worstMs = Math.max(health.worstMs, performance.now() - started);
        await sleep(500);
      }
    })();

    const ticker = setInterval(() => {
      const total = [...tallies.values()].reduce((n, t) => n + t.requests, 0);
      const left = Math.round((deadline - Date.now()) / 1000);
      progress(`${left > 0 ? `${left} s left` : "finishing the last requests"}, ${int(total)} requests so far`);
    }, 10_000);
    await Promise.all([...loops, probe]);
    clearInterval(ticker);
    agent.destroy();
    healthAgent.destroy();

    // a last wave of hostile sockets that this side never closes: the server must close every one
    const leftovers = await lastWave(port);
    const openRightAfter = serverSockets(port);
    progress(
      `load over; waiting ${GRACE_MS / 1000} s for the server to close the last ${leftovers.length} hostile sockets`,
    );
    await sleep(GRACE_MS);
    const openAfterGrace = serverSockets(port);
    const leftOpen = leftovers.filter((c) => !c.isClosed).length;
    for (const connection of leftovers) connection.destroy();
    const keys = await redisKeys();
    const keysCreated = [...keys.values()].reduce((a, b) => a + b, 0) - keysBefore;
    const logs = app.logs.slice(logsBefore);

    // ---- Report ----
    out("");
    out("Requests by kind and answer");
    const rows = ACTORS.map((actor) => {
      const tally = tallies.get(actor.name) as Tally;
      const unexpected = [...tally.outcomes].filter(([o]) => !actor.expected.has(o)).reduce((n, [, c]) => n + c, 0);
      const answers = [...tally.outcomes]
        .sort((a, b) => b[1] - a[1])
        .map(([o, c]) => `${o}: ${int(c)}`)
        .join(", ");
      return [actor.name, int(tally.requests), int(unexpected), answers];
    });
    for (const line of table(["kind", "requests", "unexpected", "answers"], rows)) out(`  ${line}`);
    const total = [...tallies.values()].reduce((n, t) => n + t.requests, 0);
    const unexpectedTotal = rows.reduce((n, r) => n + Number((r[2] ?? "0").replace(/,/g, "")), 0);
    out("");
    out(
      `Requests: ${int(total + health.probes)} (${int(total)} hostile, ${int(health.probes)} /healthz probes) in ${settings.seconds} s; unexpected answers: ${int(unexpectedTotal)}`,
    );
    out(
      `Open sockets at the end: ${openAfterGrace ?? "?"} on the server ${GRACE_MS / 1000} s after the load (${openRightAfter ?? "?"} right after it, with a last wave of ${leftovers.length} hostile sockets this side never closed; ${leftOpen} of those still open here)`,
    );
    const kinds = [...keys].map(([k, n]) => `${k}: ${n}`).join(", ");
    const sessionsOpened = keys.get("web-session") ?? 0;
    out(
      `Redis keys created: ${int(keysCreated)}${kinds ? ` (${kinds})` : ""}; sessions opened: ${sessionsOpened}, the limit allows at most 60 an hour per address (${settings.addresses} here)`,
    );
    const errors = logs.filter((l) => l.level >= 50);
    const warnings = logs.filter((l) => l.level === 40);
    const summary = (lines: typeof logs) => {
      const counts = new Map<string, number>();
      for (const l of lines) {
        const what = l.refused ? `${l.msg} ${JSON.stringify(l.refused)}` : l.msg;
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      return [...counts].map(([m, c]) => `${c}× "${m}"`).join("; ");
    };
    out(`Errors logged by the app: ${errors.length}${errors.length ? ` (${summary(errors)})` : ""}`);
    out(`Warnings logged by the app: ${warnings.length}${warnings.length ? ` (${summary(warnings)})` : ""}`);
    out(
      `/healthz stayed 200 throughout: ${health.ok === health.probes && health.probes > 0 ? "yes" : "NO"} (${health.ok} of ${health.probes} probes 200${health.other.size ? `; others: ${[...health.other].map(([k, v]) => `${k} ×${v}`).join(", ")}` : ""}; slowest ${int(health.worstMs)} ms)`,
    );
  } finally {
    await cleanup();
  }
}

await run();
