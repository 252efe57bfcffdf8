/**
 * Key rotation: every sealed identifier not under the current key is opened with its old key and
 * sealed again with the current one, in batches, each profile in its own small transaction. Run
 * after adding a new key and making it current; then the old key can leave MONITORING_KEYS.
 * Each value is replaced only if it is still the one read (one conditional UPDATE).
 * The person keys (hashes) do not change: the hash key is never rotated.
 */
import type { CoreDeps } from "../ports.js";
import { needsResealing, resealed } from "./identifier-crypto.js";
import type { IdentifierProtection } from "./settings.js";

export async function rotateIdentifierKeys(
  deps: Pick<CoreDeps, "repos">,
  protection: IdentifierProtection,
  options: { batchSize?: number } = {},
): Promise<{ checked: number; resealed: number }> {
  const ring = protection.ring;
  let after: string | null = null;
  let checked = 0;
  let count = 0;
  for (;;) {
    const batch = await deps.repos.monitoringProfiles.sealedBatch(after, options.batchSize ?? 500);
    if (batch.length === 0) break;
    for (const row of batch) {
      checked += 1;
      const values: Parameters<typeof deps.repos.monitoringProfiles.replaceSealed>[1] = {};
      if (row.fiscalCode && needsResealing(ring, row.fiscalCode)) {
        values.fiscalCode = {
          from: row.fiscalCode,
          sealed: resealed(ring, row.fiscalCode, "fiscal_code"),
          keyId: ring.currentKeyId,
        };
      }
      if (row.documentNumber && needsResealing(ring, row.documentNumber)) {
        values.documentNumber = {
          from: row.documentNumber,
          sealed: resealed(ring, row.documentNumber, "document_number"),
          keyId: ring.currentKeyId,
        };
      }
      if (values.fiscalCode || values.documentNumber) {
        // conditional on the old value: an answer given meanwhile is already under the current key
        if (await deps.repos.monitoringProfiles.replaceSealed(row.citizenId, values)) count += 1;
      }
      after = row.citizenId;
    }
  }
  return { checked, resealed: count };
}
