/**
 * What the monitoring integration tests share: points and facilitators with (or without) their
 * national platform ids, citizens with a complete monitoring profile given through the profile
 * service, service records through `recordService`, and the monitoring CLIs run as child
 * processes (`npm run …`) against the test file's own database.
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import type { Db } from "../../../app/db/prisma-client.js";
import type { DocumentType } from "../../../core/monitoring/person-key.js";
import { answerProfile, type ProfileAnswer } from "../../../core/monitoring/profile-service.js";
import type { MonitoringSettings } from "../../../core/monitoring/settings.js";
import type { LocalDate } from "../../../core/points/types.js";
import type { CoreDeps } from "../../../core/ports.js";
import { recordService } from "../../../core/service-records/record-service.js";
import { localToInstant } from "../../../core/time/zoned-time.js";
import { createTestCitizen, createTestPoint } from "../../support/fixtures.js";
import type { IntegrationContext } from "../../support/integration.js";
import { testEnv } from "../../support/test-env.js";

const run = promisify(execFile);

let platformIds = 7000;
const nextPlatformId = () => {
  platformIds += 1;
  return BigInt(platformIds);
};

/** A point with a platform id (unless `platformId: null`), optionally in an organisation already there. */
export async function monitoringPoint(
  db: Db,
  options: { name?: string; organisationId?: string; platformId?: bigint | null } = {},
) {
  const point = await createTestPoint(db, { name: options.name ?? "Biblioteca di prova" });
  const monitoringId = options.platformId === undefined ? nextPlatformId() : options.platformId;
  const updated = await db.point.update({
    where: { id: point.id },
    data: { monitoringId, ...(options.organisationId ? { organisationId: options.organisationId } : {}) },
  });
  return { ...updated, sites: point.sites };
}

export async function monitoringFacilitator(db: Db, options: { name?: string; platformId?: bigint | null } = {}) {
  const monitoringId = options.platformId === undefined ? nextPlatformId() : options.platformId;
  return db.facilitator.create({ data: { displayName: options.name ?? "Anna Rossi", monitoringId } });
}

export type Identifier = { fiscalCode: string } | { document: { type: DocumentType; number: string } } | null;

/** The answers after the identifier, all valid codes. */
export const STANDARD_ANSWERS: ProfileAnswer[] = [
  { question: "AN7", code: "A" },
  { question: "AN9", code: "C" },
  { question: "AN10", code: "G" },
  { question: "AN11", code: "A" },
  { question: "AN12", text: "to" },
  { question: "PR1", firstTime: false },
  { question: "PR2", codes: ["B", "A"] },
  { question: "ES1", codes: ["L", "A"] },
  { question: "ES2", codes: ["F"] },
];

/**
 * A citizen (web channel) with a completed monitoring profile given by the profile service;
 * `identifier: null` makes a citizen without any profile. Every answer must be accepted.
 */
export async function profiledCitizen(
  core: CoreDeps,
  settings: MonitoringSettings,
  identifier: Identifier,
  options: { citizenId?: string; on?: LocalDate; ageBand?: string } = {},
): Promise<string> {
  const citizenId = options.citizenId ?? (await createTestCitizen(core));
  if (identifier === null) return citizenId;
  const answers: ProfileAnswer[] =
    "fiscalCode" in identifier
      ? [{ question: "fiscal_code", text: identifier.fiscalCode }, ...STANDARD_ANSWERS]
      : [
          { question: "no_fiscal_code" },
          { question: "document", type: identifier.document.type, number: identifier.document.number },
          ...STANDARD_ANSWERS.slice(0, 1),
          { question: "AN8", code: options.ageBand ?? "B" },
          ...STANDARD_ANSWERS.slice(1),
        ];
  for (const answer of answers) {
    const result = await answerProfile(core, settings, {
      citizenId,
      by: { kind: "citizen" },
      answer,
      ...(options.on ? { on: options.on } : {}),
    });
    if (!result.ok) throw new Error(`profile answer ${answer.question} refused: ${result.problem}`);
  }
  return citizenId;
}

export interface ServiceSpec {
  citizenId: string;
  pointId: string;
  facilitatorId: string;
  date: LocalDate;
  /** Local time in Rome, default 10:00. */
  time?: string;
  role?: "facilitator" | "team_lead" | "scd_volunteer";
  minutes?: number;
  serviceTypes?: string[];
  competences?: number[];
  publicServices?: string[];
  description?: string | null;
  rating?: number;
  /** Default: a new walk-in entry. */
  source?: { kind: "walk_in"; walkInId: string } | { kind: "course"; sessionId: string; citizenId: string };
}

/** One service record through `recordService` (a walk-in unless told), rating stored when given. */
export async function serve(core: CoreDeps, db: Db, spec: ServiceSpec) {
  const { record } = await recordService(core, {
    source: spec.source ?? { kind: "walk_in", walkInId: randomUUID() },
    citizenId: spec.citizenId,
    pointId: spec.pointId,
    facilitatorId: spec.facilitatorId,
    facilitatorRole: spec.role ?? "facilitator",
    startedAt: localToInstant(spec.date, spec.time ?? "10:00", "Europe/Rome"),
    durationMinutes: spec.minutes ?? 45,
    serviceTypes: spec.serviceTypes ?? ["A"],
    competences: spec.competences ?? [9],
    publicServices: spec.publicServices ?? [],
    description: spec.description ?? null,
  });
  if (spec.rating !== undefined) {
    await db.serviceRecord.update({ where: { id: record.id }, data: { rating: spec.rating, ratedAt: new Date() } });
  }
  return record;
}

/** The environment a CLI child process runs with: this file's database, the test's Redis. */
export function cliEnv(ctx: IntegrationContext, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test",
    LOG_LEVEL: "debug",
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: testEnv.TEST_REDIS_URL,
    REDIS_PREFIX: ctx.redisPrefix,
    DEMO_SEED: "false",
    ...extra,
  };
  return env;
}

/** `npm run <script> -- args` in the project folder; never throws on a non-zero exit. */
export async function npmRun(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", script, "--", ...args], {
      cwd: process.cwd(),
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : 1,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? "",
    };
  }
}

/** A CSV file as arrays of cells (header included), CRLF checked by the caller. */
export function readCsv(path: string): string[][] {
  return parse(readFileSync(path, "utf8"), { relax_column_count: false }) as string[][];
}

export function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

export const pathIn = (dir: string, name: string) => join(dir, name);
