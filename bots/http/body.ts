import type { IncomingMessage, ServerResponse } from "node:http";
import { SportelloError } from "../../core/errors.js";

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": "no-store",
  });
  res.end(payload);
}

/** Reads a request body up to `limitBytes`; a bigger body is refused, not buffered. */
export async function readBody(req: IncomingMessage, limitBytes = 64 * 1024): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(limit: number): SportelloError {
  return new SportelloError({
    code: "payload_too_large",
    message: `request body over ${limit} bytes`,
    userMessage: "Il messaggio è troppo lungo. Scrivi solo poche parole, per favore.",
  });
}
