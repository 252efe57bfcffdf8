/**
 * Many synthetic service records in PostgreSQL at once, for the export benchmark and the test of
 * files split at 9,000 rows: one citizen per record with a complete monitoring profile (a valid
 * synthetic codice fiscale, sealed and hashed exactly as the profile service does), walk-in
 * records spread over the days given and over the points given, in batches of plain SQL
 * (`recordService` one by one would take minutes for 100,000). Never for real data: every code
 * carries the letters DMODMO.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../app/db/prisma-client.js";
import { seal } from "../../core/monitoring/identifier-crypto.js";
import { personKey } from "../../core/monitoring/person-key.js";
import type { IdentifierProtection } from "../../core/monitoring/settings.js";
import { syntheticFiscalCode } from "../../core/monitoring/synthetic-fiscal-code.js";
import type { LocalDate } from "../../core/points/types.js";
import { addDays } from "../../core/time/local-date.js";

export interface BulkServices {
  count: number;
  points: readonly { id: string; siteId: string | null }[];
  facilitatorId: string;
  /** Records go on `days` consecutive days from `from`, in order. */
  from: LocalDate;
  days: number;
  /** Every n-th record (n > 0) belongs to a Servizio Civile Digitale volunteer's service. */
  scdEvery?: number;
  batch?: number;
}

/** Birth dates from 1 January 1940, one a day: all adults, all codes distinct. */
const birthDate = (i: number) => addDays("1940-01-01", i % 20_000);

export async function insertSyntheticServices(
  db: Db,
  protection: IdentifierProtection,
  spec: BulkServices,
): Promise<number> {
  const batch = spec.batch ?? 2_000;
  let written = 0;
  for (let start = 0; start < spec.count; start += batch) {
    const size = Math.min(batch, spec.count - start);
    const citizens: string[] = [];
    const sealed: string[] = [];
    const hashes: string[] = [];
    const records: string[] = [];
    const sourceKeys: string[] = [];
    const points: string[] = [];
    const sites: (string | null)[] = [];
    const dates: string[] = [];
    const starts: Date[] = [];
    const programmes: string[] = [];
    for (let k = 0; k < size; k++) {
      const i = start + k;
      // letters differ past 20,000 people, so every code stays distinct
      const letters = `DMODM${"OABCDEFGHI".charAt(Math.floor(i / 20_000) % 10)}`;
      const code = syntheticFiscalCode({ birthDate: birthDate(i), sex: i % 2 === 0 ? "F" : "M", letters });
      citizens.push(randomUUID());
      sealed.push(seal(protection.ring, code, "fiscal_code"));
      hashes.push(personKey(protection.hashKey, { kind: "fiscal_code", code }));
      records.push(randomUUID());
      sourceKeys.push(`walk_in:${randomUUID()}`);
      const point = spec.points[i % spec.points.length];
      points.push(point?.id ?? "");
      sites.push(point?.siteId ?? null);
      const date = addDays(spec.from, Math.floor((i * spec.days) / spec.count));
      dates.push(date);
      starts.push(new Date(`${date}T09:00:00Z`));
      programmes.push(spec.scdEvery && i % spec.scdEvery === spec.scdEvery - 1 ? "SCD" : "RFD");
    }
    await db.$transaction([
      db.$executeRaw`INSERT INTO citizen (id) SELECT unnest(${citizens}::uuid[])`,
      db.$executeRaw`
        INSERT INTO monitoring_profile (citizen_id, fiscal_code_sealed, fiscal_code_key_id, fiscal_code_hash,
          gender, education, employment, citizenship, province, first_time, previous_services, heard_from, reasons,
          problem_solving, state, filled_by, completed_at, updated_at)
        SELECT c, s, ${protection.ring.currentKeyId}, h, 'A', 'C', 'G', 'A', 'TO', true, '{}', '{L}', '{F}', '{}',
          'completed', 'citizen', now(), now()
        FROM unnest(${citizens}::uuid[], ${sealed}::text[], ${hashes}::text[]) AS t(c, s, h)`,
      db.$executeRaw`
        INSERT INTO service_record (id, source_key, source_kind, citizen_id, point_id, site_id, facilitator_id,
          programme, service_date, started_at, duration_minutes, service_types, areas, competences,
          public_services, would_return)
        SELECT r, k, 'walk_in'::service_source_kind, c, p, s, ${spec.facilitatorId}::uuid, g::programme, d::date, t, 45, '{A}', '{}',
          '{9}', '{A}', '{}'
        FROM unnest(${records}::uuid[], ${sourceKeys}::text[], ${citizens}::uuid[], ${points}::uuid[],
          ${sites}::uuid[], ${dates}::text[], ${starts}::timestamptz[], ${programmes}::text[])
          AS x(r, k, c, p, s, d, t, g)`,
    ]);
    written += size;
  }
  return written;
}
