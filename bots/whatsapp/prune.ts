import type { WhatsAppStorage } from "./storage.js";

/** How long ids of incoming messages are kept for de-duplication (a message queued offline is answered up to 7 days late). */
export const INBOUND_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Deletes copies of sent messages past their expiry (kept 24 h for retries) and ids of incoming
 * messages older than `INBOUND_MEMORY_MS`, for every session. Run hourly by the workers'
 * `prune-whatsapp` scheduler (workers/schedulers.ts).
 */
export async function pruneWhatsAppLogs(
  storage: Pick<WhatsAppStorage, "sent" | "inbound">,
  now: Date,
  inboundMemoryMs = INBOUND_MEMORY_MS,
): Promise<{ sent: number; inbound: number }> {
  const [sent, inbound] = await Promise.all([
    storage.sent.prune(now),
    storage.inbound.prune(new Date(now.getTime() - inboundMemoryMs)),
  ]);
  return { sent, inbound };
}
