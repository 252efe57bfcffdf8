import type { IncomingMessage } from "node:http";
import { BlockList, isIP } from "node:net";

/**
 * Who is on the other end of a request, for per-client limits. By default the socket's peer,
 * never a header: a client can write any X-Forwarded-For it likes. Only when the peer is one of
 * the configured trusted proxies is X-Forwarded-For read, from the right (the entry the nearest
 * proxy added) to the left, skipping trusted proxies: the first address that is not one of them
 * is the client.
 */
export type ClientAddress = (req: IncomingMessage) => string;

/** "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8". */
export function parseProxyEntry(entry: string): { address: string; prefix?: number; family: 4 | 6 } | undefined {
  const [address = "", prefixText, extra] = entry.trim().split("/");
  const family = isIP(address);
  if (extra !== undefined || (family !== 4 && family !== 6)) return undefined;
  if (prefixText === undefined) return { address, family };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (family === 4 ? 32 : 128)) return undefined;
  return { address, prefix, family };
}

/** The trusted proxies as a BlockList; throws naming the first entry that is not an address or CIDR range. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseProxyEntry(entry);
    if (!parsed) throw new Error(`"${entry}" is not an IP address or a CIDR range`);
    const type = parsed.family === 4 ? "ipv4" : "ipv6";
    if (parsed.prefix === undefined) list.addAddress(parsed.address, type);
    else list.addSubnet(parsed.address, parsed.prefix, type);
  }
  return list;
}

/** "::ffff:1.2.3.4" → "1.2.3.4"; a bracketed or zoned IPv6 loses its brackets and zone. */
export function normaliseAddress(raw: string): string | undefined {
  let address = raw.trim();
  if (address.startsWith("[") && address.endsWith("]")) address = address.slice(1, -1);
  address = address.replace(/%[\w.-]+$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) ? address.toLowerCase() : undefined;
}

const isTrusted = (list: BlockList, address: string) => list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddress {
  const trusted = trustedProxies.length > 0 ? trustedProxyList(trustedProxies) : undefined;
  return (req) => {
    const peer = normaliseAddress(req.socket.remoteAddress ?? "") ?? "unknown";
    if (!trusted || peer === "unknown" || !isTrusted(trusted, peer)) return peer;
    const header = req.headers["x-forwarded-for"];
    const hops = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").slice(-20);
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normaliseAddress(hops[i] ?? "");
      // a malformed entry: nothing left of it can be believed; the proxy that added it is the client
      if (!hop) break;
      client = hop;
      if (!isTrusted(trusted, hop)) break;
    }
    return client;
  };
}

/**
 * The key limits count under: an IPv4 address as it is, an IPv6 address by its /64 (one
 * household or device usually holds a whole /64, so single IPv6 addresses are free to invent).
 */
export function addressKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}
