import { z } from "zod";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";
import { type Citizen, PRIVACY_NOTICE_VERSION } from "./citizen.js";

const acceptInput = z.object({
  channel: z.enum(["telegram", "whatsapp", "web"]),
  externalId: z.string().min(1).max(128),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .default("it"),
});

/**
 * The citizen accepted the privacy notice: only now is anything about them stored (the citizen,
 * this channel identity, and the consent with notice version, time and channel).
 * Accepting again (another tap) records nothing new.
 */
export async function acceptPrivacy(
  deps: CoreDeps,
  raw: z.input<typeof acceptInput>,
): Promise<{ citizen: Citizen; created: boolean }> {
  const input = parseInput(acceptInput, raw, "acceptPrivacy");
  return deps.transaction((repos) =>
    repos.citizens.createWithConsent({
      channel: input.channel,
      externalId: input.externalId,
      language: input.language,
      noticeVersion: PRIVACY_NOTICE_VERSION,
      acceptedAt: deps.clock.now(),
    }),
  );
}
