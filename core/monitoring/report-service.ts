/**
 * The monthly monitoring report (`npm run report`, and the admin endpoint's JSON): the month's
 * figures and the project's so far, per point, per organisation and overall, the course hours
 * each point owes, and each point's progress against its milestones (as of the month's end, or
 * today for the current month).
 */

import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { addDays } from "../time/local-date.js";
import { validationError } from "../time/validation-error.js";
import { localDateAt } from "../time/zoned-time.js";
import { courseHoursDue } from "./counting/course-hours.js";
import { computeFigures, type FiguresReport, monthPeriod, type Period, type ScopeFigures } from "./counting/figures.js";
import { type Milestone, type Progress, progressAgainstMilestones } from "./milestones.js";
import type { ReportNames } from "./report-table.js";
import type { MonitoringSettings } from "./settings.js";

export interface PointProgressRow {
  pointId: string;
  name: string;
  progress: Progress;
  milestones: readonly Milestone[];
}

export interface MonitoringReport {
  month: string;
  asOf: LocalDate;
  figures: FiguresReport;
  /** From the project's start to the end of the month (or today). */
  soFar: FiguresReport;
  names: ReportNames;
  /** Group-course hours owed in the month and so far, by point id. */
  courseHoursDue: { month: Map<string, number>; soFar: Map<string, number> };
  progress: PointProgressRow[];
  /** Nothing at all was recorded in the month. */
  empty: boolean;
}

async function figuresOf(deps: Pick<CoreDeps, "repos">, period: Period, pointId?: string): Promise<FiguresReport> {
  const [services, courseSessions, noShows] = await Promise.all([
    deps.repos.monitoring.serviceFacts(period, pointId),
    deps.repos.monitoring.courseSessions(period, pointId),
    deps.repos.monitoring.noShows(period, pointId),
  ]);
  return computeFigures({ services, courseSessions, noShows }, period);
}

export async function monthlyReport(
  deps: Pick<CoreDeps, "repos" | "clock" | "timeZone">,
  settings: Pick<MonitoringSettings, "project">,
  request: { month: string; pointId?: string },
): Promise<MonitoringReport> {
  let period: Period;
  try {
    period = monthPeriod(request.month);
  } catch {
    throw validationError("monthlyReport: month must be YYYY-MM", "Il mese va scritto così: 2025-03.");
  }
  const today = localDateAt(deps.clock.now(), deps.timeZone);
  if (period.from > today) {
    throw validationError("monthlyReport: month in the future", "Quel mese non è ancora cominciato.");
  }
  const asOf = period.to < today ? period.to : today;
  const names = await deps.repos.monitoring.names();
  if (request.pointId && !names.points.has(request.pointId)) {
    throw validationError("monthlyReport: unknown point", "Non trovo questo punto.", { pointId: request.pointId });
  }
  const start = settings.project.start < period.from ? settings.project.start : period.from;
  const [figures, soFar, targets] = await Promise.all([
    figuresOf(deps, period, request.pointId),
    figuresOf(deps, { from: start, to: asOf }, request.pointId),
    deps.repos.monitoring.targets(request.pointId ? [request.pointId] : undefined),
  ]);

  const pointIds = new Set<string>(request.pointId ? [request.pointId] : [...soFar.points.keys(), ...targets.keys()]);
  const progress: PointProgressRow[] = [];
  const dueMonth = new Map<string, number>();
  const dueSoFar = new Map<string, number>();
  for (const pointId of pointIds) {
    const target = targets.get(pointId);
    const reachedFigures: ScopeFigures | undefined = soFar.points.get(pointId);
    // milestones count the network's citizens (RFD) from the point's own start
    let reached = reachedFigures?.rfd.uniqueCitizens ?? 0;
    if (target && target.start > start) {
      const own = await figuresOf(deps, { from: target.start, to: asOf }, pointId);
      reached = own.points.get(pointId)?.rfd.uniqueCitizens ?? 0;
    }
    const name = names.points.get(pointId)?.name ?? pointId;
    progress.push({
      pointId,
      name,
      progress: progressAgainstMilestones(target ?? { target: null, start, milestones: [] }, reached, asOf),
      milestones: target?.milestones ?? [],
    });
    const active = { from: target?.start ?? settings.project.start, to: null };
    const dueBefore = period.from > active.from ? courseHoursDue(active, addDays(period.from, -1)) : 0;
    dueMonth.set(pointId, Math.max(0, courseHoursDue(active, asOf) - dueBefore));
    dueSoFar.set(pointId, courseHoursDue(active, asOf));
  }
  progress.sort((a, b) => a.name.localeCompare(b.name, "it"));

  return {
    month: request.month,
    asOf,
    figures,
    soFar,
    names: {
      points: new Map([...names.points].map(([id, p]) => [id, p.name])),
      organisations: names.organisations,
    },
    courseHoursDue: { month: dueMonth, soFar: dueSoFar },
    progress,
    empty: figures.points.size === 0,
  };
}

const scopeJson = (figures: ScopeFigures) => ({
  rfd: figures.rfd,
  scd: figures.scd,
  courseSessions: figures.courseSessions,
  courseMinutes: figures.courseMinutes,
  noShows: figures.noShows,
});

function figuresJson(report: FiguresReport, names: ReportNames) {
  return {
    period: report.period,
    overall: scopeJson(report.overall),
    organisations: [...report.organisations].map(([id, figures]) => ({
      id,
      name: names.organisations.get(id) ?? id,
      ...scopeJson(figures),
    })),
    points: [...report.points].map(([id, figures]) => ({
      id,
      name: names.points.get(id) ?? id,
      organisationId: figures.organisationId,
      ...scopeJson(figures),
    })),
    duplicatesIgnored: report.duplicatesIgnored,
  };
}

/** The report as plain JSON (the admin endpoint): maps become arrays, every figure kept. */
export function reportJson(report: MonitoringReport) {
  return {
    month: report.month,
    asOf: report.asOf,
    empty: report.empty,
    figures: figuresJson(report.figures, report.names),
    soFar: figuresJson(report.soFar, report.names),
    courseHoursDue: {
      month: Object.fromEntries(report.courseHoursDue.month),
      soFar: Object.fromEntries(report.courseHoursDue.soFar),
    },
    progress: report.progress.map((row) => ({
      pointId: row.pointId,
      name: row.name,
      milestones: row.milestones,
      ...row.progress,
    })),
  };
}
