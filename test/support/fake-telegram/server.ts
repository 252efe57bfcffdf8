import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, badRequest, notFound, unauthorized } from "./errors.js";
import { FailureInjector } from "./failures.js";
import { FakeTelegram, type FakeTelegramOptions } from "./fake-telegram.js";
import { boundaryOf, parseMultipart, type UploadedFile } from "./multipart.js";

/**
 * Starts a fake Bot API server on 127.0.0.1 (a free port unless `port` is given). Point grammY at it with
 * `new Bot(fake.token, { client: { apiRoot: fake.apiRoot } })`.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  let fake: FakeTelegram | undefined;
  const server = createServer((req, res) => {
    if (!fake) {
      res.writeHead(503).end();
      return;
    }
    void route(fake, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  fake = new FakeTelegram(options, `http://127.0.0.1:${port}`, new FailureInjector(), () => closeServer(server));
  return fake;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function route(fake: FakeTelegram, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const download = /^\/file\/bot([^/]*)\/(.+)$/.exec(url.pathname);
  if (download) {
    if (download[1] !== fake.token) return send(res, 401, unauthorizedBody());
    const file = fake.download(decodeURIComponent(download[2] ?? ""));
    if (!file) return send(res, 404, notFoundBody());
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
    res.end(file.bytes);
    return;
  }
  const call = /^\/bot([^/]*)\/([A-Za-z0-9_]*)$/.exec(url.pathname);
  if (!call) return send(res, 404, notFoundBody());
  if (call[1] !== fake.token) return send(res, 401, unauthorizedBody());
  const closed = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) closed.abort();
  });
  let raw: Record<string, unknown>;
  let files: Map<string, UploadedFile>;
  try {
    ({ raw, files } = await readParams(req, url));
  } catch (error) {
    const apiError = error instanceof ApiError ? error : badRequest("can't read request body");
    return send(res, apiError.errorCode, JSON.stringify(apiError.toJSON()));
  }
  const answer = await fake.answer(call[2] ?? "", raw, files, closed.signal, "http");
  if (res.destroyed) return;
  res.writeHead(answer.status, { "content-type": answer.contentType });
  res.end(answer.body);
}

/** Query string plus body: JSON, application/x-www-form-urlencoded or multipart/form-data, as Telegram accepts. */
async function readParams(
  req: IncomingMessage,
  url: URL,
): Promise<{ raw: Record<string, unknown>; files: Map<string, UploadedFile> }> {
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  let files = new Map<string, UploadedFile>();
  const body = await readBody(req);
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  if (body.length === 0) return { raw, files };
  if (contentType.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw badRequest("can't parse JSON encoded request body");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw badRequest("JSON encoded request body must be an object");
    }
    Object.assign(raw, parsed);
  } else if (contentType.startsWith("multipart/form-data")) {
    const boundary = boundaryOf(req.headers["content-type"] ?? "");
    if (!boundary) throw badRequest("can't parse multipart/form-data body: no boundary");
    const parsed = parseMultipart(body, boundary);
    Object.assign(raw, parsed.fields);
    files = parsed.files;
  } else {
    // application/x-www-form-urlencoded, and what Telegram does with bodies of other types.
    Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  }
  return { raw, files };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(body);
}

function unauthorizedBody(): string {
  return JSON.stringify(unauthorized().toJSON());
}

function notFoundBody(): string {
  return JSON.stringify(notFound().toJSON());
}
