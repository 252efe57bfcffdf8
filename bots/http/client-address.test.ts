import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { addressKey, clientAddressResolver, normaliseAddress, trustedProxyList } from "./client-address.js";

const request = (peer: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { "x-forwarded-for": forwarded },
  }) as unknown as IncomingMessage;

describe("client address", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const resolve = clientAddressResolver([]);
    expect(resolve(request("203.0.113.5", "1.2.3.4"))).toBe("203.0.113.5");
    expect(resolve(request("::ffff:127.0.0.1", "1.2.3.4"))).toBe("127.0.0.1");
    expect(resolve(request("2001:DB8::1"))).toBe("2001:db8::1");
  });

  it("reads X-Forwarded-For from the right, only behind a trusted proxy, skipping trusted hops", () => {
    const resolve = clientAddressResolver(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
    expect(resolve(request("127.0.0.1", "203.0.113.5"))).toBe("203.0.113.5");
    // what the client wrote itself is to the left of what its proxy added
    expect(resolve(request("127.0.0.1", "6.6.6.6, 203.0.113.5"))).toBe("203.0.113.5");
    expect(resolve(request("127.0.0.1", "6.6.6.6, 203.0.113.5, 10.1.1.1"))).toBe("203.0.113.5");
    expect(resolve(request("127.0.0.1", ["6.6.6.6", "203.0.113.5, 10.1.1.1"]))).toBe("203.0.113.5");
    expect(resolve(request("::ffff:10.2.3.4", "[2001:db8::7]"))).toBe("2001:db8::7");
    // only trusted hops: the leftmost one
    expect(resolve(request("127.0.0.1", "10.0.0.2, 10.0.0.1"))).toBe("10.0.0.2");
    // a malformed entry ends the walk at the proxy that passed it on
    expect(resolve(request("127.0.0.1", "203.0.113.5, garbage"))).toBe("127.0.0.1");
    expect(resolve(request("127.0.0.1", "203.0.113.5, 10.0.0.9, not-an-ip"))).toBe("127.0.0.1");
    expect(resolve(request("127.0.0.1", "garbage, 10.0.0.9"))).toBe("10.0.0.9");
    expect(resolve(request("127.0.0.1"))).toBe("127.0.0.1");
    // an untrusted peer's header is not read
    expect(resolve(request("198.51.100.1", "203.0.113.5"))).toBe("198.51.100.1");
  });

  it("refuses a trusted proxy list with anything but addresses and CIDR ranges", () => {
    expect(() => trustedProxyList(["127.0.0.1", "::1", "10.0.0.0/8", "2001:db8::/32"])).not.toThrow();
    for (const bad of ["localhost", "10.0.0.0/33", "::/129", "10.0.0.0/8/1", "10.0.0.0/x", "1.2.3"]) {
      expect(() => trustedProxyList([bad])).toThrow(`"${bad}" is not an IP address or a CIDR range`);
    }
  });

  it("normalises what sockets and proxies write", () => {
    expect(normaliseAddress(" ::FFFF:192.0.2.1 ")).toBe("192.0.2.1");
    expect(normaliseAddress("[::1]")).toBe("::1");
    expect(normaliseAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normaliseAddress("192.0.2.1:443")).toBeUndefined();
    expect(normaliseAddress("")).toBeUndefined();
  });

  it("counts IPv4 by address and IPv6 by its /64", () => {
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:0:0:0:1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("unknown")).toBe("unknown");
  });
});
