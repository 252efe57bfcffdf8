/**
 * Reads a V8 CPU profile (.cpuprofile, as written by the inspector or `node --cpu-prof`) and says
 * where the time went: by package or source folder (self time, and inclusive time counted once
 * per stack), and the hottest functions.
 */
import { readFile } from "node:fs/promises";
import { fixed, table } from "./stats.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const REPO_FOLDERS = /\/(core|bots|app|scripts|test)\/(.+)$/;
/** A file of this repository (not of a package that happens to have a core/ or test/ folder). */
const isRepoUrl = (url: string) => !url.includes("/node_modules/") && REPO_FOLDERS.test(url);

/** Where a frame's code lives: a package, a folder of this repository, Node itself, or V8's pseudo-frames. */
export function areaOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(root)") return "(root)";
    if (functionName === "(garbage collector)") return "(garbage collector)";
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(program)") return "(program: V8/native outside JS)";
    return "(native)";
  }
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    const name = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    return `npm ${name}`;
  }
  if (url.startsWith("node:")) {
    const path = url.slice(5).replace(/^internal\//, "");
    const first = path.split("/")[0] ?? path;
    return `node:${first.replace(/\.js$/, "")}`;
  }
  const repo = REPO_FOLDERS.exec(url);
  if (repo) {
    const [, top, rest] = repo;
    const parts = (rest ?? "").split("/");
    return parts.length > 1 ? `${top}/${parts.slice(0, -1).join("/")}` : `${top}/${parts[0]}`;
  }
  return url.replace(/^file:\/\//, "");
}

/** Code of a package or of this repository (not Node's own, not native, not V8's pseudo-frames). */
const isOwner = (area: string) => area.startsWith("npm ") || REPO_FOLDERS.test(`/${area}`) || area.startsWith("wasm");

function shortUrl(url: string): string {
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) return url.slice(modules + "/node_modules/".length);
  const repo = REPO_FOLDERS.exec(url);
  if (repo) return `${repo[1]}/${repo[2]}`;
  return url.replace(/^file:\/\//, "");
}

export interface ProfileSummary {
  lines: string[];
  totalMs: number;
}

/** What a piece of the bot is for, from the frame that owns a sample (see `summariseProfile`). */
const BUCKETS: Array<[RegExp, string]> = [
  [
    /node_modules\/(grammy\/out\/core\/|node-fetch|abort-controller|event-target-shim|@grammyjs\/auto-retry)/,
    "Bot API calls: grammY client, node-fetch, HTTP",
  ],
  [/node_modules\/(grammy|@grammyjs\/runner)\//, "grammY update handling (runner, middleware, context)"],
  [
    /node_modules\/(@prisma|prisma|pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\/|^wasm:|\/app\/db\//,
    "PostgreSQL: Prisma (query compiler, runtime), pg, repositories",
  ],
  [
    /node_modules\/(ioredis|redis-parser|redis-errors|denque|cluster-key-slot|standard-as-callback)\/|\/app\/conversation\//,
    "Redis: ioredis, conversation store",
  ],
  [/node_modules\/luxon\/|\/core\/time\//, "time zones: luxon, core/time"],
  [/\/bots\/telegram\//, "Telegram adapter (bots/telegram)"],
  [/node_modules\/(zod|fastest-levenshtein|kdbush|geokdbush)\/|\/core\//, "engine, steps and domain (core/, zod, geo)"],
  [/\/scripts\/bench\//, "benchmark wrappers and IPC"],
];

function bucketOf(owner: ProfileNode | undefined, leafArea: string): string {
  if (!owner) {
    if (leafArea === "(garbage collector)") return "garbage collector";
    return "Node internals and native code with no package on the stack (I/O callbacks, socket writes)";
  }
  const url = owner.callFrame.url;
  for (const [pattern, bucket] of BUCKETS) if (pattern.test(url)) return bucket;
  return `other: ${areaOf(url, owner.callFrame.functionName)}`;
}

/**
 * Where the CPU went: by purpose (buckets), by owner (Node internals and native code counted to the
 * nearest package or repository folder that called them), the hottest functions, and this
 * repository's functions by inclusive time.
 */
export async function summariseProfile(path: string, top = 25): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    const delta = (profile.timeDeltas[i] ?? 0) / 1000;
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + delta);
  });

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const bucketMs = new Map<string, number>();
  const ownerMs = new Map<string, number>();
  const functionSelf = new Map<string, number>();
  const repoInclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  // tsx-compiled files report line 0: name them by file only.
  const keyOf = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"}  ${shortUrl(n.callFrame.url)}${n.callFrame.lineNumber > 0 ? `:${n.callFrame.lineNumber + 1}` : ""}`;

  for (const [id, ms] of selfByNode) {
    const node = byId.get(id);
    if (!node) continue;
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    if (area === "(idle)") {
      idle += ms;
      continue;
    }
    total += ms;
    add(functionSelf, keyOf(node), ms);
    const functions = new Set<string>();
    let owner: ProfileNode | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const frameArea = areaOf(frame.callFrame.url, frame.callFrame.functionName);
      if (frameArea === "(root)") break;
      if (owner === undefined && isOwner(frameArea)) owner = frame;
      if (isRepoUrl(frame.callFrame.url)) functions.add(keyOf(frame));
    }
    add(bucketMs, bucketOf(owner, area), ms);
    add(
      ownerMs,
      owner
        ? areaOf(owner.callFrame.url, owner.callFrame.functionName)
        : area.startsWith("(")
          ? area
          : "node internals",
      ms,
    );
    for (const f of functions) add(repoInclusive, f, ms);
  }

  const pct = (ms: number) => `${fixed((100 * ms) / total, 1)}%`;
  const rows = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => [name, fixed(ms, 0), pct(ms)]);
  const indent = (lines: string[]) => lines.map((l) => `  ${l}`);
  const lines: string[] = [];
  lines.push(
    `CPU profile ${path}: ${fixed(total, 0)} ms on CPU (${fixed(idle, 0)} ms idle) over ${fixed((profile.endTime - profile.startTime) / 1000, 0)} ms`,
  );
  lines.push("");
  lines.push("By purpose (each sample counted to the nearest package or repository code on its stack):");
  lines.push(...indent(table(["purpose", "ms", "%"], rows(bucketMs, top))));
  lines.push("");
  lines.push("By owner (the same, per package or repository folder):");
  lines.push(...indent(table(["owner", "ms", "%"], rows(ownerMs, top))));
  lines.push("");
  lines.push(`Hottest functions (self time), top ${top}:`);
  lines.push(...indent(table(["function  file", "self ms", "self %"], rows(functionSelf, top))));
  lines.push("");
  lines.push(`This repository's functions by inclusive time, top ${top}:`);
  lines.push(...indent(table(["function  file", "inclusive ms", "inclusive %"], rows(repoInclusive, top))));
  return { lines, totalMs: total };
}

/**
 * Who calls the functions whose name or file matches `pattern`: their time (with callees) by the
 * chain of the nearest `depth` package or repository frames above the outermost matching frame.
 */
export async function callersOf(path: string, pattern: RegExp, depth = 4, top = 20): Promise<string[]> {
  const profile = JSON.parse(await readFile(path, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} (${shortUrl(n.callFrame.url).replace(/\.(ts|js|mjs)$/, "")})`;
  const chains = new Map<string, number>();
  let total = 0;
  let matched = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) stack.push(frame);
    }
    if (stack.some((f) => f.callFrame.functionName === "(idle)")) return;
    total += ms;
    let outer = -1;
    stack.forEach((f, index) => {
      if (pattern.test(`${f.callFrame.functionName} ${f.callFrame.url}`)) outer = index;
    });
    if (outer < 0) return;
    matched += ms;
    const callers: string[] = [];
    for (let index = outer + 1; index < stack.length && callers.length < depth; index++) {
      const frame = stack[index];
      if (frame && isOwner(areaOf(frame.callFrame.url, frame.callFrame.functionName))) callers.push(name(frame));
    }
    const key = `${name(stack[outer] as ProfileNode)} ← ${callers.join(" ← ") || "(no caller in packages or repository)"}`;
    chains.set(key, (chains.get(key) ?? 0) + ms);
  });
  const lines = [
    `${pattern}: ${fixed(matched, 0)} ms of ${fixed(total, 0)} ms on CPU (${fixed((100 * matched) / total, 1)}%)`,
  ];
  lines.push(
    ...table(
      ["ms", "%", "frame ← callers"],
      [...chains.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([chain, ms]) => [fixed(ms, 0), `${fixed((100 * ms) / total, 1)}%`, chain]),
    ),
  );
  return lines;
}

// `tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top=25] [--callers=<regex>] [--depth=4]`
// prints the summary of a saved profile, or who calls the matching functions.
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const option = (name: string) =>
    process.argv
      .slice(3)
      .find((a) => a.startsWith(`--${name}=`))
      ?.slice(name.length + 3);
  if (!file) {
    process.stderr.write(
      "usage: tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--top=25] [--callers=<regex>] [--depth=4]\n",
    );
    process.exit(2);
  }
  const top = Number(option("top") ?? 25);
  const callers = option("callers");
  const lines = callers
    ? await callersOf(file, new RegExp(callers), Number(option("depth") ?? 4), top)
    : (await summariseProfile(file, top)).lines;
  process.stdout.write(`${lines.join("\n")}\n`);
}
