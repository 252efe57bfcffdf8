import { z } from "zod";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";

const savePhoneInput = z.object({
  citizenId: z.string().uuid(),
  /** Already normalised by the caller (core/conversation/phone.ts): digits with an optional "+". */
  phone: z.string().regex(/^\+?\d{6,15}$/),
});

/** The number a point calls a citizen at (a phone appointment, a call back): kept on the citizen. */
export async function saveCitizenPhone(deps: Pick<CoreDeps, "repos">, raw: z.input<typeof savePhoneInput>) {
  const input = parseInput(savePhoneInput, raw, "saveCitizenPhone");
  await deps.repos.citizens.update(input.citizenId, { phone: input.phone });
}
