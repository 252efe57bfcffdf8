import { describe, expect, it } from "vitest";
import type { Reply } from "../../core/conversation/reply.js";
import { OutboxError } from "./outbox.js";
import { whatsappSender } from "./whatsapp-sender.js";

const LID = "123456789012345@lid";
const reminder: Reply[] = [
  {
    kind: "choices",
    text: "Promemoria",
    choices: [{ id: "!x.yes", label: "Ci sarò" }],
    hint: "Rispondi con il numero.",
  },
];

function outboxThat(send: (jid: string, contents: unknown[], options: unknown) => Promise<Array<string | undefined>>) {
  const calls: Array<{ jid: string; contents: unknown[]; options: unknown }> = [];
  return {
    calls,
    outbox: {
      send: async (jid: string, contents: readonly unknown[], options: unknown) => {
        calls.push({ jid, contents: [...contents], options });
        return send(jid, [...contents], options);
      },
    },
  };
}

const failing = (reason: OutboxError["reason"], sentIds: Array<string | undefined> = []) => {
  const error = new OutboxError(reason, reason);
  error.sentIds = sentIds;
  return async () => {
    throw error;
  };
};

describe("WhatsApp sender", () => {
  it("renders as the conversation does and sends through the outbox as a pushed message, with a deadline", async () => {
    const { calls, outbox } = outboxThat(async () => ["WA1"]);
    const sender = whatsappSender({ outbox, waitMs: 30_000, now: () => 1_000 });
    expect(await sender.send({ channel: "whatsapp", externalId: LID }, reminder)).toEqual({
      status: "sent",
      providerMessageId: "WA1",
    });
    expect(calls).toEqual([
      {
        jid: LID,
        contents: [{ text: "Promemoria\n\n1. Ci sarò\n\n_Rispondi con il numero._" }],
        options: { priority: "push", deadline: new Date(31_000) },
      },
    ]);
  });

  it("refuses addresses that are not a WhatsApp person, without sending", async () => {
    const { calls, outbox } = outboxThat(async () => ["x"]);
    const sender = whatsappSender({ outbox, waitMs: 1 });
    for (const address of [
      { channel: "telegram" as const, externalId: LID },
      { channel: "whatsapp" as const, externalId: "120363000000@g.us" },
      { channel: "whatsapp" as const, externalId: "" },
    ]) {
      expect(await sender.send(address, reminder)).toMatchObject({ status: "permanent", code: "bad_address" });
    }
    expect(calls).toHaveLength(0);
  });

  it("maps the outbox's refusals: later, slower, or never; a half-sent message counts as sent", async () => {
    const to = { channel: "whatsapp" as const, externalId: LID };
    const send = async (fn: ReturnType<typeof failing>) =>
      whatsappSender({ outbox: outboxThat(fn).outbox, waitMs: 1, rateLimitedRetryMs: 60_000 }).send(to, reminder);
    expect(await send(failing("expired"))).toEqual({ status: "transient", code: "whatsapp_not_connected" });
    expect(await send(failing("stopped"))).toEqual({ status: "transient", code: "whatsapp_stopped" });
    expect(await send(failing("rate_limited"))).toEqual({ status: "rate_limited", retryAfterMs: 60_000 });
    expect(await send(failing("failed"))).toEqual({
      status: "permanent",
      code: "whatsapp_refused",
      unreachable: false,
    });
    expect(await send(failing("failed", ["WA7"]))).toEqual({ status: "sent", providerMessageId: "WA7" });
    expect(
      await send(async () => {
        throw new Error("?");
      }),
    ).toEqual({ status: "ambiguous", code: "whatsapp_error" });
  });
});
