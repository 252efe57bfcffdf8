import { describe, expect, it } from "vitest";
import { silentLog } from "../../core/log.js";
import { fakeBaileys } from "../../test/support/fake-baileys/fake-socket.js";
import { linkedStorage, settle } from "../../test/support/fake-baileys/helpers.js";
import { memoryWhatsAppStorage } from "../../test/support/fake-baileys/memory-storage.js";
import { scriptedPhone } from "../../test/support/fake-baileys/scripted-phone.js";
import { deserialize } from "./auth-state.js";
import { type LinkOptions, linkNumber, pairingDigits } from "./link-number.js";
import { processNumberLock } from "./number-lock.js";

const PHONE = "393331234567";

function options(overrides: Partial<LinkOptions> & Pick<LinkOptions, "makeSocket">) {
  const printed: string[] = [];
  const linkOptions: LinkOptions = {
    session: "main",
    storage: memoryWhatsAppStorage(),
    lock: processNumberLock(),
    log: silentLog,
    out: (text) => printed.push(text),
    drawQr: async (data) => `[QR ${data.slice(0, 12)}]`,
    ...overrides,
  };
  return { linkOptions, printed };
}

describe("linking a WhatsApp number", () => {
  it("reads phone numbers with their country code", () => {
    expect(pairingDigits("+39 333 123 4567")).toBe(PHONE);
    expect(pairingDigits("0039-333-1234567")).toBe(PHONE);
    expect(pairingDigits("393331234567")).toBe(PHONE);
    expect(pairingDigits("333")).toBeUndefined();
    expect(pairingDigits("0333123456")).toBeUndefined();
    expect(pairingDigits("39 333 abc")).toBeUndefined();
  });

  it("asks one pairing code on the first QR event, reconnects at once on 515, stores the creds, ends linked", async () => {
    const phone = scriptedPhone({ phone: PHONE, lid: "555000555000555" });
    const { linkOptions, printed } = options({ makeSocket: phone.factory, phone: PHONE });
    const result = await linkNumber(linkOptions);
    expect(result).toEqual({ linked: true });
    const [first, second] = phone.fake.sockets;
    expect(first?.pairingRequests).toEqual([PHONE]); // two QR events, one request
    expect(phone.fake.sockets).toHaveLength(2); // reconnected after 515
    expect(second?.input.auth.creds.registered).toBe(true);
    const output = printed.join("\n");
    expect(output).toContain("Codice di collegamento: ABCD-1234");
    expect(output).toContain("Collega con il numero di telefono");
    expect(output).toMatch(/Collegato: il numero è pronto/);
    const stored = deserialize<{ registered: boolean; me: { id: string } }>(
      (await linkOptions.storage.auth.loadCreds("main")) ?? "{}",
    );
    expect(stored.registered).toBe(true);
    expect(stored.me.id).toBe(`${PHONE}:3@s.whatsapp.net`);
    // the lock is free again for npm start
    expect((await linkOptions.lock.acquire("main")).acquired).toBe(true);
    expect(second?.ended).toBe(true);
  });

  it("with --qr, draws each QR code in the terminal, and links the same way", async () => {
    const phone = scriptedPhone({ phone: PHONE, lid: "555000555000555" });
    let drawn = 0;
    const socketsAtStart = phone.fake.sockets.length;
    const { linkOptions, printed } = options({
      makeSocket: (input) => {
        const socket = phone.factory(input);
        // the phone confirms after the second QR instead of a code
        if (phone.fake.sockets.length === socketsAtStart + 1) {
          const show = socket.showQr.bind(socket);
          socket.showQr = (qr?: string) => {
            show(qr);
            drawn += 1;
            if (drawn === 2) void socket.pairSuccess({ phone: PHONE, lid: "555000555000555" });
          };
        }
        return socket;
      },
    });
    const result = await linkNumber(linkOptions);
    expect(result).toEqual({ linked: true });
    await settle();
    const output = printed.join("\n");
    expect(output).toContain("inquadra");
    expect(output).toContain("[QR 2@fake-ref-");
    expect(output).toContain("Nuovo codice QR");
    expect(phone.fake.sockets[0]?.pairingRequests).toEqual([]);
  });

  it("fails plainly when the code expires (408), without trying again", async () => {
    const fake = fakeBaileys();
    const { linkOptions } = options({
      phone: PHONE,
      makeSocket: (input) => {
        const socket = fake.factory(input);
        setImmediate(async () => {
          socket.showQr();
          await settle();
          await socket.close(408, "QR refs attempts ended");
        });
        return socket;
      },
    });
    const result = await linkNumber(linkOptions);
    expect(result).toEqual({ linked: false, reason: "the code expired before it was used: run the command again" });
    expect(fake.sockets).toHaveLength(1);
  });

  it("refuses to link over a linked session unless asked to relink", async () => {
    const storage = await linkedStorage("main");
    const phone = scriptedPhone({ phone: PHONE, lid: "555000555000555" });
    const refused = await linkNumber(options({ makeSocket: phone.factory, phone: PHONE, storage }).linkOptions);
    expect(refused.linked).toBe(false);
    expect(refused.linked ? "" : refused.reason).toContain("--relink");
    expect(phone.fake.sockets).toHaveLength(0);
    const relinked = await linkNumber(
      options({ makeSocket: phone.factory, phone: PHONE, storage, relink: true }).linkOptions,
    );
    expect(relinked).toEqual({ linked: true });
  });

  it("refuses while another process holds the number", async () => {
    const lock = processNumberLock();
    await lock.acquire("main");
    const phone = scriptedPhone({ phone: PHONE, lid: "555000555000555" });
    const result = await linkNumber(options({ makeSocket: phone.factory, phone: PHONE, lock }).linkOptions);
    expect(result.linked).toBe(false);
    expect(result.linked ? "" : result.reason).toContain('WhatsApp session "main" is already in use');
    expect(phone.fake.sockets).toHaveLength(0);
  });

  it("gives up when the phone never confirms", async () => {
    const phone = scriptedPhone({ phone: PHONE, lid: "555000555000555" }, { confirm: false });
    const result = await linkNumber(options({ makeSocket: phone.factory, phone: PHONE, timeoutMs: 100 }).linkOptions);
    expect(result).toEqual({ linked: false, reason: "Nessuna conferma dal telefono in tempo: riprova." });
    expect(phone.fake.sockets[0]?.ended).toBe(true);
  });
});
