/**
 * Demo monitoring data, so that `npm run report` and `npm run export:facilita` show real output on
 * a fresh clone: platform ids for the demo points (the bus has none, so the refusal report has
 * something to say) and facilitators, targets with milestones (the Calvino library has the Torino
 * call's 203 / 487 / 803), demo citizens with monitoring profiles (synthetic codici fiscali with
 * the letters DMODMO; one with a document only, one without a profile), and service records for
 * the four whole months before the seed's date, through `recordService` (one walk-in entry each)
 * plus one group course session a month at the Calvino library.
 *
 * Only on the demo network (demo points), every id fixed (`demoId`), so seeding again adds nothing.
 */

import { seal } from "../../../core/monitoring/identifier-crypto.js";
import { milestonesFromShares, TORINO_MILESTONES } from "../../../core/monitoring/milestones.js";
import { personKey } from "../../../core/monitoring/person-key.js";
import type { IdentifierProtection } from "../../../core/monitoring/settings.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import type { LocalDate } from "../../../core/points/types.js";
import type { CoreDeps } from "../../../core/ports.js";
import { recordService } from "../../../core/service-records/record-service.js";
import { addDays } from "../../../core/time/local-date.js";
import { localDateAt, localToInstant } from "../../../core/time/zoned-time.js";
import type { Db } from "../prisma-client.js";
import { prismaMonitoringRepository } from "../repositories/monitoring-repository.js";
import { DEMO_FACILITATORS, DEMO_POINT_CODES, demoId } from "./demo-network.js";

/** National platform ids of the demo (made up, in a range no real sede uses here). */
const POINT_PLATFORM_IDS: Record<string, bigint> = {
  [DEMO_POINT_CODES.calvino]: 990_101n,
  [DEMO_POINT_CODES.marchesa]: 990_102n,
  [DEMO_POINT_CODES.amoretti]: 990_103n,
  [DEMO_POINT_CODES.sanSalvario]: 990_104n,
  [DEMO_POINT_CODES.moncalieri]: 990_105n,
};
const FACILITATOR_PLATFORM_IDS = [880_301n, 880_302n, 880_303n];

export const DEMO_CITIZENS = 30;
const citizenId = (i: number) => demoId(`d5${i.toString(16).padStart(4, "0")}`);
const walkInId = (i: number) => demoId(`d6${i.toString(16).padStart(4, "0")}`);
const courseId = (month: string) => demoId(`d7${month.replace("-", "")}`);

/** The four whole months before `today`, oldest first ("YYYY-MM"). */
export function demoMonths(today: LocalDate): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return [4, 3, 2, 1].map((back) => {
    const index = year * 12 + (month - 1) - back;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** Where each demo facilitator works and with which role (from the demo network). */
const WORK = DEMO_FACILITATORS.flatMap((f) =>
  f.points.map((link) => ({ facilitatorId: f.id, code: link.code, role: link.role })),
);

export async function seedDemoMonitoring(
  db: Db,
  core: Pick<CoreDeps, "transaction" | "timeZone">,
  protection: IdentifierProtection,
  now: Date,
): Promise<{ records: number; months: string[] }> {
  const months = demoMonths(localDateAt(now, core.timeZone));
  const demoPoints = await db.point.findMany({ where: { isDemo: true }, select: { id: true, code: true } });
  const idOf = new Map(demoPoints.map((p) => [p.code, p.id]));
  if (!idOf.has(DEMO_POINT_CODES.calvino)) return { records: 0, months };

  for (const [code, monitoringId] of Object.entries(POINT_PLATFORM_IDS)) {
    const id = idOf.get(code);
    if (id) await db.point.updateMany({ where: { id, monitoringId: null }, data: { monitoringId } });
  }
  for (const [i, f] of DEMO_FACILITATORS.entries()) {
    const monitoringId = FACILITATOR_PLATFORM_IDS[i];
    if (monitoringId)
      await db.facilitator.updateMany({ where: { id: f.id, monitoringId: null }, data: { monitoringId } });
  }

  const monitoring = prismaMonitoringRepository(db);
  const targets = await monitoring.targets();
  const first = `${months[0]}-01`;
  const demoTargets: Array<
    [string, number, ReturnType<typeof milestonesFromShares> | typeof TORINO_MILESTONES, LocalDate]
  > = [
    [DEMO_POINT_CODES.calvino, 803, TORINO_MILESTONES, "2023-01-01"],
    [
      DEMO_POINT_CODES.marchesa,
      24,
      milestonesFromShares(24, [
        { by: addDays(first, 120), share: 0.25 },
        { by: addDays(first, 240), share: 0.6 },
        { by: addDays(first, 365), share: 1 },
      ]),
      first,
    ],
    [
      DEMO_POINT_CODES.moncalieri,
      12,
      milestonesFromShares(12, [
        { by: addDays(first, 60), share: 0.25 },
        { by: addDays(first, 180), share: 0.6 },
        { by: addDays(first, 300), share: 1 },
      ]),
      first,
    ],
  ];
  for (const [code, target, milestones, start] of demoTargets) {
    const pointId = idOf.get(code);
    if (pointId && !targets.has(pointId)) await monitoring.setTarget(pointId, { target, start, milestones });
  }

  // citizens and profiles, once each
  const existing = new Set(
    (
      await db.citizen.findMany({
        where: { id: { in: Array.from({ length: DEMO_CITIZENS }, (_, i) => citizenId(i)) } },
        select: { id: true },
      })
    ).map((c) => c.id),
  );
  for (let i = 0; i < DEMO_CITIZENS; i++) {
    const id = citizenId(i);
    if (existing.has(id)) continue;
    await db.citizen.create({ data: { id } });
    if (i === DEMO_CITIZENS - 1) continue; // one person never gave a profile
    const answers = {
      gender: pick(["A", "B", "A", "B", "C"], i),
      education: pick(["B", "C", "H", "A", "I", "E"], i),
      employment: pick(["G", "A", "D", "F", "C", "E"], i),
      citizenship: pick(["A", "A", "A", "C", "B"], i),
      province: pick(["TO", "TO", "TO", "CN", "AT"], i),
      firstTime: i % 3 !== 0,
      previousServices: i % 3 === 0 ? ["A"] : [],
      heardFrom: [pick(["A", "L", "C", "M", "K"], i)],
      reasons: [pick(["F", "G", "H", "E", "B"], i)],
    };
    const identity =
      i === DEMO_CITIZENS - 2
        ? (() => {
            // a person with a passport and no codice fiscale
            const number = `YA${String(1_234_500 + i)}`;
            return {
              noFiscalCode: true,
              documentType: "C",
              documentNumberSealed: seal(protection.ring, number, "document_number"),
              documentKeyId: protection.ring.currentKeyId,
              documentHash: personKey(protection.hashKey, { kind: "document", type: "C", number }),
              ageBand: "B",
            };
          })()
        : (() => {
            const code = syntheticFiscalCode({
              birthDate: addDays("1940-03-01", i * 811),
              sex: answers.gender === "A" ? "F" : "M",
            });
            return {
              fiscalCodeSealed: seal(protection.ring, code, "fiscal_code"),
              fiscalCodeKeyId: protection.ring.currentKeyId,
              fiscalCodeHash: personKey(protection.hashKey, { kind: "fiscal_code", code }),
            };
          })();
    await db.monitoringProfile.create({
      data: {
        citizenId: id,
        ...identity,
        ...answers,
        state: "completed",
        filledBy: i % 2 === 0 ? "citizen" : "facilitator",
        isDemo: true,
        completedAt: now,
      },
    });
  }

  // service records: idempotent by source (fixed walk-in ids and course sessions)
  let records = 0;
  const calvino = idOf.get(DEMO_POINT_CODES.calvino) ?? "";
  const giulia = DEMO_FACILITATORS[0]?.id ?? "";
  let n = 0;
  for (const [m, month] of months.entries()) {
    for (let k = 0; k < 18; k++) {
      const i = n;
      n += 1;
      const work = pick(WORK, i * 3 + m);
      const pointId = idOf.get(work.code);
      if (!pointId) continue;
      const day = String(1 + ((k * 3 + m) % 27)).padStart(2, "0");
      const date = `${month}-${day}`;
      const result = await recordService(core, {
        source: { kind: "walk_in", walkInId: walkInId(i) },
        citizenId: citizenId((i * 5 + m) % DEMO_CITIZENS),
        pointId,
        facilitatorId: work.facilitatorId,
        facilitatorRole: work.role,
        startedAt: localToInstant(date, pick(["09:30", "10:30", "15:00", "16:30"], i), core.timeZone),
        durationMinutes: pick([30, 45, 60, 45, 90], i),
        serviceTypes: i % 9 === 0 ? ["A", "C"] : ["A"],
        competences: [pick([9, 6, 4, 13, 11, 1], i)],
        publicServices: [pick(["A", "B", "C", "D", "L", "S"], i)],
        description: "Servizio dimostrativo (DATI DEMO)",
      });
      if (result.created) {
        records += 1;
        if (i % 4 === 0) {
          await db.serviceRecord.update({
            where: { id: result.record.id },
            data: { rating: pick([5, 4, 5, 3], i), wouldReturn: ["A"], ratedAt: now },
          });
        }
      }
    }
    // one group session a month at the Calvino library, three people attending
    const sessionDate = `${month}-20`;
    const sessionId = courseId(month);
    await db.courseSession.upsert({
      where: { id: sessionId },
      create: {
        id: sessionId,
        pointId: calvino,
        title: "Primi passi con SPID e CIE (DATI DEMO)",
        topic: "Attivare SPID e usare la CIE",
        digcompArea: "B",
        startsAt: localToInstant(sessionDate, "15:00", core.timeZone),
        endsAt: localToInstant(sessionDate, "17:00", core.timeZone),
        seats: 8,
      },
      update: {},
    });
    for (const who of [0, 1, 2].map((j) => citizenId((m * 3 + j) % (DEMO_CITIZENS - 2)))) {
      const result = await recordService(core, {
        source: { kind: "course", sessionId, citizenId: who },
        citizenId: who,
        pointId: calvino,
        facilitatorId: giulia,
        facilitatorRole: "team_lead",
        startedAt: localToInstant(sessionDate, "15:00", core.timeZone),
        durationMinutes: 120,
        serviceTypes: ["B"],
        competences: [9],
        publicServices: ["A"],
        description: "Corso di gruppo dimostrativo (DATI DEMO)",
      });
      if (result.created) records += 1;
    }
  }
  return { records, months };
}
