import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the request carries the admin token: `Authorization: Bearer <token>` (Prometheus,
 * scripts) or HTTP Basic with the token as password (a browser opening Bull Board asks for it).
 * Compared in constant time.
 */
export function hasAdminToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? "";
  let given: string | undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) given = bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    given = decoded.slice(decoded.indexOf(":") + 1);
  }
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

export function refuseAdmin(res: ServerResponse): void {
  res.writeHead(401, {
    "www-authenticate": 'Basic realm="Sportello admin", charset="UTF-8"',
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end("Admin token required.\n");
}
