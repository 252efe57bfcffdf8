/**
 * Stores the points of a validated CSV (core/points/import) in ONE transaction: organisations found
 * by exact name or created, points upserted by code, and of each point its sites, services and
 * weekly hours replaced by those of the file. Closures, holidays, visits and bookings are kept.
 *
 * Sites keep their ids when they can: a site is matched by name (ignoring case), and a renamed main
 * site is still the main site; so bookings, visits and courses stay attached to it. A point whose
 * data, sites, services and hours are already as in the file is not written at all.
 */
import type { ImportedPoint, ImportedSite } from "../../core/points/import/imported-point.js";
import type { ImportNote } from "../../core/points/import/notes.js";
import type { ImportOutcome, PointChange, PointOutcome, SiteCounts } from "../../core/points/import/outcome.js";
import { minutesOfDay } from "../../core/time/local-time.js";
import { DEFAULT_TIME_ZONE } from "../../core/time/zone.js";
import { localDateAt } from "../../core/time/zoned-time.js";
import type { Prisma } from "./generated/client.js";
import type { Db } from "./prisma-client.js";
import { fromLocalDate } from "./repositories/mapping.js";

type Tx = Prisma.TransactionClient;

export interface WriteOptions {
  /** Check against the database and report, but write nothing. */
  dryRun?: boolean;
  /** Marks the points and organisations it writes as demo data (the demo seed); false otherwise. */
  isDemo?: boolean;
  /** For "future" in warnings about removed sites. */
  now?: Date;
  /** The network's zone, for "today". */
  timeZone?: string;
  /** Fixed ids for new rows (the demo seed); random uuids otherwise. */
  ids?: {
    point?(code: string): string | undefined;
    site?(pointCode: string, siteName: string): string | undefined;
  };
}

/** The longest an import may hold its transaction: a national file has a few thousand points. */
const TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/** Runs `applyImportedPoints` in its own transaction. */
export function writeImportedPoints(
  db: Db,
  points: readonly ImportedPoint[],
  options: WriteOptions = {},
): Promise<ImportOutcome> {
  return db.$transaction((tx) => applyImportedPoints(tx, points, options), {
    maxWait: 10_000,
    timeout: TRANSACTION_TIMEOUT_MS,
  });
}

const existingInclude = {
  organisation: { select: { name: true } },
  sites: true,
  services: true,
  openingWindows: true,
} satisfies Prisma.PointInclude;

type ExistingPoint = Prisma.PointGetPayload<{ include: typeof existingInclude }>;
type ExistingSite = ExistingPoint["sites"][number];

const siteKey = (name: string) => name.toLocaleLowerCase("it-IT");

function siteData(site: ImportedSite) {
  return {
    isMain: site.isMain,
    name: site.name,
    street: site.address.street,
    civic: site.address.civic,
    cap: site.address.cap,
    comune: site.address.comune,
    comuneIstat: site.address.comuneIstat,
    province: site.address.province,
    lat: site.coordinates.lat,
    lon: site.coordinates.lon,
    notes: site.notes,
  };
}

function sameSite(row: ExistingSite, site: ImportedSite): boolean {
  const wanted = siteData(site);
  return (Object.keys(wanted) as Array<keyof typeof wanted>).every((key) => row[key] === wanted[key]);
}

interface SitePlan {
  create: ImportedSite[];
  update: Array<{ row: ExistingSite; site: ImportedSite }>;
  remove: ExistingSite[];
  unchanged: number;
}

/** Pairs existing sites with the file's by name; an unpaired main site takes the new main's name. */
function planSites(existing: readonly ExistingSite[], wanted: readonly ImportedSite[]): SitePlan {
  const byKey = new Map(existing.map((row) => [siteKey(row.name), row]));
  const paired = new Map<ImportedSite, ExistingSite>();
  for (const site of wanted) {
    const row = byKey.get(siteKey(site.name));
    if (row) {
      paired.set(site, row);
      byKey.delete(siteKey(site.name));
    }
  }
  const newMain = wanted.find((s) => s.isMain && !paired.has(s));
  const oldMain = [...byKey.values()].find((row) => row.isMain);
  if (newMain && oldMain) {
    paired.set(newMain, oldMain);
    byKey.delete(siteKey(oldMain.name));
  }
  const plan: SitePlan = { create: [], update: [], remove: [...byKey.values()], unchanged: 0 };
  for (const site of wanted) {
    const row = paired.get(site);
    if (!row) plan.create.push(site);
    else if (sameSite(row, site)) plan.unchanged += 1;
    else plan.update.push({ row, site });
  }
  return plan;
}

const serviceKey = (s: { kind: string; slotMinutes: number; modes: readonly string[]; active?: boolean }) =>
  `${s.kind}:${s.slotMinutes}:${[...s.modes].sort().join("+")}:${s.active ?? true}`;

const windowKey = (w: { weekday: number; shift: number; opensMin: number; closesMin: number }) =>
  `${w.weekday}/${w.shift}/${w.opensMin}-${w.closesMin}`;

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("|") === [...b].sort().join("|");

function windowsOf(point: ImportedPoint) {
  return point.weekly.map((w) => ({
    weekday: w.weekday,
    shift: w.shift,
    opensMin: minutesOfDay(w.opens),
    closesMin: minutesOfDay(w.closes),
  }));
}

function pointChanges(row: ExistingPoint, point: ImportedPoint, isDemo: boolean, sites: SitePlan): PointChange[] {
  const changes: PointChange[] = [];
  if (row.organisation.name !== point.organisationName) changes.push("ente");
  if (row.name !== point.name) changes.push("nome");
  if (row.kind !== point.kind) changes.push("tipo");
  if (row.description !== point.description) changes.push("descrizione");
  if (row.workstations !== point.workstations || row.bookableWorkstations !== point.bookableWorkstations) {
    changes.push("postazioni");
  }
  const c = point.contacts;
  if (row.phone !== c.phone || row.email !== c.email || row.website !== c.website) changes.push("contatti");
  if ((row.monitoringId === null ? null : Number(row.monitoringId)) !== point.monitoringId) {
    changes.push("id_monitoraggio");
  }
  if (row.active !== point.active) changes.push("attivo");
  if (row.isDemo !== isDemo) changes.push("demo");
  if (!sameSet(row.services.map(serviceKey), point.services.map(serviceKey))) changes.push("servizi");
  if (!sameSet(row.openingWindows.map(windowKey), windowsOf(point).map(windowKey))) changes.push("orari");
  if (sites.create.length + sites.update.length + sites.remove.length > 0) changes.push("sedi");
  return changes;
}

interface Plan {
  point: ImportedPoint;
  existing: ExistingPoint | undefined;
  sites: SitePlan;
  changes: PointChange[];
}

/**
 * Compares the file with the database and, unless it is a dry run or a conflict was found, writes
 * the difference. Call it inside a transaction (see `writeImportedPoints`).
 */
export async function applyImportedPoints(
  tx: Tx,
  points: readonly ImportedPoint[],
  options: WriteOptions = {},
): Promise<ImportOutcome> {
  const isDemo = options.isDemo ?? false;
  const now = options.now ?? new Date();
  const problems: ImportNote[] = [];
  const warnings: ImportNote[] = [];

  const codes = points.map((p) => p.code);
  const existingByCode = new Map<string, ExistingPoint>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await tx.point.findMany({
      where: { code: { in: codes.slice(i, i + 1000) } },
      include: existingInclude,
    });
    for (const row of rows) existingByCode.set(row.code, row);
  }

  // Organisations: matched by exact name, the oldest first when a name is used twice.
  const names = [...new Set(points.map((p) => p.organisationName))];
  const organisationIds = new Map<string, string>();
  const organisations = await tx.organisation.findMany({
    where: { name: { in: names } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  for (const o of organisations) if (!organisationIds.has(o.name)) organisationIds.set(o.name, o.id);
  const organisationsCreated = names.filter((name) => !organisationIds.has(name));

  // Monitoring ids held by points that are not in the file.
  const fileCodes = new Set(codes);
  const wantedIds = points.flatMap((p) => (p.monitoringId === null ? [] : [BigInt(p.monitoringId)]));
  const holders = wantedIds.length
    ? await tx.point.findMany({
        where: { monitoringId: { in: wantedIds } },
        select: { code: true, monitoringId: true },
      })
    : [];
  for (const holder of holders) {
    const point = points.find((p) => p.monitoringId !== null && BigInt(p.monitoringId) === holder.monitoringId);
    if (point && point.code !== holder.code && !fileCodes.has(holder.code)) {
      problems.push({
        line: point.line,
        column: "id_monitoraggio",
        message: `l'id di monitoraggio ${point.monitoringId} è già del punto ${holder.code}, che non è in questo file`,
      });
    }
  }

  const plans: Plan[] = points.map((point) => {
    const existing = existingByCode.get(point.code);
    const sites = planSites(existing?.sites ?? [], point.sites);
    return { point, existing, sites, changes: existing ? pointChanges(existing, point, isDemo, sites) : [] };
  });

  // Removing a site detaches what happened there: say so.
  for (const plan of plans) {
    for (const row of plan.sites.remove) {
      // one after the other: queries of one transaction share one connection
      const visits = await tx.itinerantVisit.count({
        where: {
          siteId: row.id,
          date: { gte: fromLocalDate(localDateAt(now, options.timeZone ?? DEFAULT_TIME_ZONE)) },
        },
      });
      const bookings = await tx.booking.count({
        where: { siteId: row.id, startsAt: { gte: now }, status: { in: ["pending", "confirmed"] } },
      });
      const effects = [
        visits > 0 ? `${visits} tappe future cancellate` : null,
        bookings > 0 ? `${bookings} prenotazioni future restano al punto ma senza sede` : null,
      ].filter((e) => e !== null);
      warnings.push({
        line: plan.point.line,
        column: "nome_sede",
        message: `la sede «${row.name}» del punto ${plan.point.code} non è più nel file e viene tolta${effects.length ? `: ${effects.join(", ")}` : ""}`,
      });
    }
  }

  const counts: SiteCounts = { created: 0, updated: 0, removed: 0, unchanged: 0 };
  const outcomes: PointOutcome[] = plans.map(({ point, existing, sites, changes }) => {
    counts.created += sites.create.length;
    counts.updated += sites.update.length;
    counts.removed += sites.remove.length;
    counts.unchanged += sites.unchanged;
    return {
      code: point.code,
      name: point.name,
      line: point.line,
      status: !existing ? "created" : changes.length > 0 ? "updated" : "unchanged",
      changes,
      sites: point.sites.length,
    };
  });
  const outcome = (written: boolean): ImportOutcome => ({
    dryRun: options.dryRun ?? false,
    written,
    points: outcomes,
    organisationsCreated,
    sites: counts,
    problems,
    warnings,
  });
  if (problems.length > 0 || options.dryRun) return outcome(false);

  for (const name of organisationsCreated) {
    const created = await tx.organisation.create({ data: { name, isDemo }, select: { id: true } });
    organisationIds.set(name, created.id);
  }
  // Free the monitoring ids that move, so that two points of the file can swap theirs.
  const moving = plans.filter((p) => p.existing && p.changes.includes("id_monitoraggio") && p.existing.monitoringId);
  if (moving.length > 0) {
    await tx.point.updateMany({
      where: { id: { in: moving.map((p) => p.existing?.id ?? "") } },
      data: { monitoringId: null },
    });
  }

  for (const plan of plans) {
    const { point, existing } = plan;
    if (existing && plan.changes.length === 0) continue;
    const organisationId = organisationIds.get(point.organisationName);
    if (!organisationId) throw new Error(`organisation missing after creation: ${point.organisationName}`);
    const data = {
      organisationId,
      name: point.name,
      kind: point.kind,
      description: point.description,
      workstations: point.workstations,
      bookableWorkstations: point.bookableWorkstations,
      phone: point.contacts.phone,
      email: point.contacts.email,
      website: point.contacts.website,
      monitoringId: point.monitoringId === null ? null : BigInt(point.monitoringId),
      active: point.active,
      isDemo,
    };
    const services = point.services.map((s) => ({ kind: s.kind, slotMinutes: s.slotMinutes, modes: s.modes }));
    if (!existing) {
      await tx.point.create({
        data: {
          ...data,
          id: options.ids?.point?.(point.code),
          code: point.code,
          sites: {
            create: point.sites.map((site) => ({ ...siteData(site), id: options.ids?.site?.(point.code, site.name) })),
          },
          services: { create: services },
          openingWindows: { create: windowsOf(point) },
        },
      });
      continue;
    }
    await tx.point.update({ where: { id: existing.id }, data });
    if (plan.changes.includes("servizi")) {
      await tx.pointService.deleteMany({ where: { pointId: existing.id } });
      await tx.pointService.createMany({ data: services.map((s) => ({ ...s, pointId: existing.id })) });
    }
    if (plan.changes.includes("orari")) {
      await tx.openingWindow.deleteMany({ where: { pointId: existing.id } });
      await tx.openingWindow.createMany({ data: windowsOf(point).map((w) => ({ ...w, pointId: existing.id })) });
    }
    const { create, update, remove } = plan.sites;
    if (remove.length > 0) await tx.site.deleteMany({ where: { id: { in: remove.map((r) => r.id) } } });
    // One main site per point is a unique index: demote before promoting.
    const ordered = [...update].sort(
      (a, b) => Number(b.row.isMain && !b.site.isMain) - Number(a.row.isMain && !a.site.isMain),
    );
    for (const { row, site } of ordered) await tx.site.update({ where: { id: row.id }, data: siteData(site) });
    for (const site of create) {
      await tx.site.create({
        data: { ...siteData(site), id: options.ids?.site?.(point.code, site.name), pointId: existing.id },
      });
    }
  }
  return outcome(true);
}
