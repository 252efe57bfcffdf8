import type { SocketInput } from "../../../bots/whatsapp/socket.js";
import { type FakeBaileysSocket, fakeBaileys } from "./fake-socket.js";

/**
 * A person linking their phone, as WhatsApp behaves: the first socket shows QR codes; once the
 * pairing code is asked (or, for QR, after the second QR) the phone confirms, WhatsApp closes
 * with 515; the next socket opens with the saved creds.
 */
export function scriptedPhone(account: { phone: string; lid: string }, options: { confirm?: boolean } = {}) {
  const fake = fakeBaileys();
  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const factory = (input: SocketInput): FakeBaileysSocket => {
    const socket = fake.factory(input);
    const first = fake.sockets.length === 1;
    setImmediate(async () => {
      if (!first) {
        if (input.auth.creds.registered) socket.open();
        return;
      }
      socket.connecting();
      socket.showQr();
      socket.showQr(); // a second QR event: the pairing code is still asked only once
      await waitFor(() => socket.pairingRequests.length > 0 || !!socket.ended);
      if (options.confirm === false || socket.ended) return;
      await socket.pairSuccess(account);
    });
    return socket;
  };
  return { fake, factory };
}
