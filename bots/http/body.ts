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

/** The code of the error `readBody` throws when the client goes away mid-upload. */
export const CLIENT_ABORTED = "client_aborted";

const ABORT_CODES = new Set(["ECONNRESET", "ECONNABORTED", "EPIPE", "ERR_STREAM_PREMATURE_CLOSE"]);

/**
 * Whether a failure only means that the client went away (closed the tab, lost the network,
 * aborted an upload): nothing to answer, nothing worth more than a debug line.
 */
export function clientWentAway(req: IncomingMessage, error: unknown): boolean {
  if (error instanceof SportelloError && error.code === CLIENT_ABORTED) return true;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && ABORT_CODES.has(code)) return true;
  return req.destroyed && !req.complete;
}

/** Reads a request body up to `limitBytes`; a bigger body is refused, not buffered. */
export async function readBody(req: IncomingMessage, limitBytes = 64 * 1024): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > limitBytes) throw tooLarge(limitBytes);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof SportelloError || !clientWentAway(req, error)) throw error;
    throw aborted(error);
  }
  if (!req.complete) throw aborted(undefined);
  return Buffer.concat(chunks).toString("utf8");
}

function aborted(cause: unknown): SportelloError {
  return new SportelloError({ code: CLIENT_ABORTED, message: "the client went away during the upload", cause });
}

function tooLarge(limit: number): SportelloError {
  return new SportelloError({
    code: "payload_too_large",
    message: `request body over ${limit} bytes`,
    userMessage: "Il messaggio è troppo lungo. Scrivi solo poche parole, per favore.",
  });
}
