import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { silentLog } from "../log.js";
import { chatTurns } from "./chat-turns.js";
import type { ConversationEngine } from "./engine.js";
import type { ChatIdentity } from "./reply.js";

const who = (userId: string, deviceLanguage?: string): ChatIdentity => ({
  channel: "whatsapp",
  userId,
  ...(deviceLanguage ? { deviceLanguage } : {}),
});

function engineThat(handle: ConversationEngine["handle"]): ConversationEngine {
  return { handle, notePushed: async () => {} };
}

describe("chat turns: the ordering and fallback every channel shares", () => {
  it("runs one chat's tasks in order, other chats alongside, and a failure does not stop the next", async () => {
    const turns = chatTurns({ engine: engineThat(async () => []), log: silentLog });
    const done: string[] = [];
    const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const a1 = turns.inOrder(who("a"), async () => {
      await wait(30);
      done.push("a1");
    });
    const a2 = turns.inOrder(who("a"), async () => {
      done.push("a2");
      throw new Error("boom");
    });
    const a3 = turns.inOrder(who("a"), async () => {
      done.push("a3");
      return 3;
    });
    const b1 = turns.inOrder(who("b"), async () => {
      done.push("b1");
    });
    await expect(a2).rejects.toThrow("boom");
    expect(await a3).toBe(3);
    await Promise.all([a1, b1]);
    expect(done).toEqual(["b1", "a1", "a2", "a3"]);
    await turns.idle();
    expect(turns.pending()).toBe(0);
  });

  it("answers a broken engine kindly, in the device's language, and says why", async () => {
    const turns = chatTurns({
      engine: engineThat(async () => {
        throw new Error("database gone");
      }),
      log: silentLog,
    });
    const it_ = await turns.answer(who("a"), { kind: "text", text: "ciao" });
    expect(it_.failed).toBe("error");
    expect(it_.replies).toEqual([{ kind: "text", text: expect.stringContaining("non ha funzionato") }]);
    const en = await turns.answer(who("a", "en-GB"), { kind: "text", text: "hi" });
    expect(en.replies).toEqual([{ kind: "text", text: expect.stringContaining("Sorry") }]);
  });

  it("tells a busy conversation apart from a broken one", async () => {
    const busy = new SportelloError({ code: "unavailable", message: "lock", userMessage: "Un momento." });
    const turns = chatTurns({
      engine: engineThat(async () => {
        throw busy;
      }),
      log: silentLog,
    });
    expect(await turns.answer(who("a"), { kind: "text", text: "1" })).toEqual({
      replies: [{ kind: "text", text: "Un momento." }],
      failed: "busy",
    });
  });
});
