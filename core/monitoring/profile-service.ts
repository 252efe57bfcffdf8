/**
 * The monitoring profile, answer by answer, for either actor: the citizen in the chat (after
 * consent) or a facilitator while closing a session or registering a walk-in. Each answer is
 * checked, then written in one transaction (the sealed identifier and its person key together:
 * nothing half-written). A profile left half-way stays "in_progress" and resumes at the first
 * missing answer (`nextProfileQuestion`).
 *
 * Bad input is not an exception: the result names the problem, and the caller says the kind
 * sentence of `monitoring.problem.<problem>` (core/conversation/messages).
 */
import { z } from "zod";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import { fiscalCodeForMonitoring, type MonitoringFiscalCodeProblem } from "./age-band.js";
import type { CodedFieldName } from "./answer-options.js";
import { canonicalCodes } from "./codes.js";
import { normaliseFiscalCode } from "./fiscal-code.js";
import { seal } from "./identifier-crypto.js";
import { checkDocumentNumber, type DocumentNumberProblem, type DocumentType, personKey } from "./person-key.js";
import {
  nextProfileQuestion,
  type ProfileActor,
  type ProfilePatch,
  type ProfileQuestionId,
  type StoredProfile,
} from "./profile.js";
import type { MonitoringSettings } from "./settings.js";

export type ProfileDeps = Pick<CoreDeps, "transaction" | "clock" | "timeZone" | "repos">;
export type ProfileSettings = Pick<MonitoringSettings, "protection" | "minorsEnabled">;

export type ProfileAnswer =
  | { question: "fiscal_code"; text: string }
  /** "I have no codice fiscale" (AN4 SI): the document comes next. */
  | { question: "no_fiscal_code" }
  | { question: "document"; type: DocumentType; number: string }
  | { question: "AN7" | "AN8" | "AN9" | "AN10" | "AN11"; code: string }
  | { question: "AN12"; text: string }
  | { question: "PR1"; firstTime: boolean }
  | { question: "PR2" | "ES1" | "ES2"; codes: string[] };

export type ProfileProblem =
  | `fiscal_${MonitoringFiscalCodeProblem}`
  | `document_${DocumentNumberProblem}`
  | "province_invalid"
  | "invalid_answer"
  | "erased";

export type ProfileResult =
  | { ok: true; profile: StoredProfile; next: ProfileQuestionId | null }
  | { ok: false; problem: ProfileProblem };

const actorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("citizen") }),
  z.object({ kind: z.literal("facilitator"), facilitatorId: z.string().uuid() }),
]);

const baseInput = z.object({ citizenId: z.string().uuid(), by: actorSchema });

/** A province as typed: a sigla ("TO") or a name ("Reggio Emilia"), letters only. */
const PROVINCE = /^[\p{L}][\p{L}' .-]{1,39}$/u;

export function cleanProvince(text: string): string | null {
  const clean = text.replace(/\s+/g, " ").trim();
  if (!PROVINCE.test(clean)) return null;
  return clean.length === 2 ? clean.toUpperCase() : clean;
}

function codesOf(field: CodedFieldName, values: readonly string[]): string[] | null {
  const checked = canonicalCodes(field, values);
  return checked.ok ? checked.codes : null;
}

/** The patch for one answer, or the problem with it. */
function patchFor(
  answer: ProfileAnswer,
  settings: ProfileSettings,
  on: LocalDate,
): { ok: true; patch: ProfilePatch } | { ok: false; problem: ProfileProblem } {
  const { ring, hashKey } = settings.protection;
  switch (answer.question) {
    case "fiscal_code": {
      const checked = fiscalCodeForMonitoring(answer.text, on, { minorsEnabled: settings.minorsEnabled });
      if (!checked.ok) return { ok: false, problem: `fiscal_${checked.problem}` };
      const code = normaliseFiscalCode(answer.text);
      return {
        ok: true,
        patch: {
          fiscalCode: {
            sealed: seal(ring, code, "fiscal_code"),
            keyId: ring.currentKeyId,
            hash: personKey(hashKey, { kind: "fiscal_code", code }),
          },
          noFiscalCode: false,
          // the code gives the age: a band said before is not needed
          ageBand: null,
        },
      };
    }
    case "no_fiscal_code":
      return { ok: true, patch: { noFiscalCode: true } };
    case "document": {
      if (!["A", "B", "C", "D", "E"].includes(answer.type)) return { ok: false, problem: "invalid_answer" };
      const checked = checkDocumentNumber(answer.number);
      if (!checked.ok) return { ok: false, problem: `document_${checked.problem}` };
      return {
        ok: true,
        patch: {
          noFiscalCode: true,
          document: {
            type: answer.type,
            sealed: seal(ring, checked.number, "document_number"),
            keyId: ring.currentKeyId,
            hash: personKey(hashKey, { kind: "document", type: answer.type, number: checked.number }),
          },
        },
      };
    }
    case "AN7":
    case "AN8":
    case "AN9":
    case "AN10":
    case "AN11": {
      const codes = codesOf(answer.question, [answer.code]);
      if (codes?.length !== 1) return { ok: false, problem: "invalid_answer" };
      if (answer.question === "AN8" && codes[0] === "E" && !settings.minorsEnabled) {
        return { ok: false, problem: "fiscal_minor" };
      }
      const field = { AN7: "gender", AN8: "ageBand", AN9: "education", AN10: "employment", AN11: "citizenship" }[
        answer.question
      ] as "gender" | "ageBand" | "education" | "employment" | "citizenship";
      return { ok: true, patch: { [field]: codes[0] } };
    }
    case "AN12": {
      const province = cleanProvince(answer.text);
      return province ? { ok: true, patch: { province } } : { ok: false, problem: "province_invalid" };
    }
    case "PR1":
      return { ok: true, patch: answer.firstTime ? { firstTime: true, previousServices: [] } : { firstTime: false } };
    case "PR2":
    case "ES1":
    case "ES2": {
      const codes = codesOf(answer.question, answer.codes);
      if (!codes || codes.length === 0) return { ok: false, problem: "invalid_answer" };
      const field = { PR2: "previousServices", ES1: "heardFrom", ES2: "reasons" }[answer.question] as
        | "previousServices"
        | "heardFrom"
        | "reasons";
      return { ok: true, patch: { [field]: codes } };
    }
  }
}

/**
 * Records one answer. `on`: the date the codice fiscale is read at (the service date; default
 * today), for the age. The profile becomes "completed" with its last answer.
 */
export async function answerProfile(
  deps: ProfileDeps,
  settings: ProfileSettings,
  raw: { citizenId: string; by: ProfileActor; answer: ProfileAnswer; on?: LocalDate },
): Promise<ProfileResult> {
  const input = parseInput(baseInput, raw, "answerProfile");
  const on = raw.on ?? localDateAt(deps.clock.now(), deps.timeZone);
  const made = patchFor(raw.answer, settings, on);
  if (!made.ok) return made;
  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(input.citizenId))) return { ok: false, problem: "erased" } as const;
    const before = await repos.monitoringProfiles.find(input.citizenId);
    if (before?.state === "erased") return { ok: false, problem: "erased" } as const;
    let profile = await repos.monitoringProfiles.save(input.citizenId, made.patch, input.by);
    const next = nextProfileQuestion(profile);
    const state = next === null ? "completed" : "in_progress";
    if (profile.state !== state) {
      profile = await repos.monitoringProfiles.save(
        input.citizenId,
        { state, completedAt: state === "completed" ? deps.clock.now() : null },
        input.by,
      );
    }
    return { ok: true, profile, next };
  });
}

/** The person chose not to answer: kept as "skipped" (answers given so far stay). */
export async function skipProfile(
  deps: ProfileDeps,
  raw: { citizenId: string; by: ProfileActor },
): Promise<StoredProfile | null> {
  const input = parseInput(baseInput, raw, "skipProfile");
  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(input.citizenId))) return null;
    const before = await repos.monitoringProfiles.find(input.citizenId);
    if (before?.state === "erased" || before?.state === "completed") return before;
    return repos.monitoringProfiles.save(input.citizenId, { state: "skipped" }, input.by);
  });
}

/** The stored profile and its next question (for the chat, and for the facilitator's screen). */
export async function profileStatus(
  deps: Pick<CoreDeps, "repos">,
  citizenId: string,
): Promise<{ profile: StoredProfile | null; next: ProfileQuestionId | null }> {
  const profile = await deps.repos.monitoringProfiles.find(citizenId);
  if (profile?.state === "erased") return { profile, next: null };
  return { profile, next: nextProfileQuestion(profile) };
}

/**
 * Walk-ins: the citizens already known by this codice fiscale or document (their person key), so
 * a facilitator registering a walk-in reuses the person instead of creating another.
 */
export async function citizensByIdentifier(
  deps: Pick<CoreDeps, "repos">,
  settings: Pick<MonitoringSettings, "protection">,
  identifier: { fiscalCode: string } | { documentType: DocumentType; documentNumber: string },
): Promise<string[]> {
  const key =
    "fiscalCode" in identifier
      ? personKey(settings.protection.hashKey, { kind: "fiscal_code", code: identifier.fiscalCode })
      : personKey(settings.protection.hashKey, {
          kind: "document",
          type: identifier.documentType,
          number: identifier.documentNumber,
        });
  return deps.repos.monitoringProfiles.citizensWithPersonKey(key);
}

/**
 * A walk-in's first answer, the codice fiscale or the document, before any citizen exists: checked
 * first (a bad one creates nothing), then the citizen already known by it is reused (their person
 * key; the oldest profile when several), or one without a chat is created, and the answer recorded.
 */
export async function identifyWalkIn(
  deps: ProfileDeps,
  settings: ProfileSettings,
  raw: {
    by: ProfileActor;
    answer: Extract<ProfileAnswer, { question: "fiscal_code" | "document" }>;
    on?: LocalDate;
  },
): Promise<
  (ProfileResult & { ok: true; citizenId: string; reused: boolean }) | { ok: false; problem: ProfileProblem }
> {
  const on = raw.on ?? localDateAt(deps.clock.now(), deps.timeZone);
  const made = patchFor(raw.answer, settings, on);
  if (!made.ok) return made;
  const { answer } = raw;
  const identifier =
    answer.question === "fiscal_code"
      ? { fiscalCode: normaliseFiscalCode(answer.text) }
      : { documentType: answer.type, documentNumber: answer.number };
  const [known] = await citizensByIdentifier(deps, settings, identifier);
  const citizenId = known ?? (await deps.repos.citizens.createWithoutIdentity()).id;
  const result = await answerProfile(deps, settings, { citizenId, by: raw.by, answer, on });
  return result.ok ? { ...result, citizenId, reused: known !== undefined } : result;
}
