/**
 * Plain-text tables for the monitoring report CLI (part B: `npm run report`), in Italian: the
 * figures per point, per organisation and overall, and the progress against milestones.
 */
import { renderTable, type TableColumn } from "../points/import/text-table.js";
import type { FiguresReport, ScopeFigures } from "./counting/figures.js";
import { hoursOf, italianDate, oneDecimal, wholeNumber } from "./format.js";
import { type Progress, STATUS_WORDS } from "./milestones.js";

export interface ReportNames {
  points: ReadonlyMap<string, string>;
  organisations: ReadonlyMap<string, string>;
}

const FIGURE_COLUMNS: TableColumn[] = [
  { title: "Ambito", maxWidth: 40 },
  { title: "Cittadini", align: "right" },
  { title: "Servizi", align: "right" },
  { title: "Ore facil.", align: "right" },
  { title: "Ore corsi", align: "right" },
  { title: "Assenze", align: "right" },
  { title: "Voto medio", align: "right" },
  { title: "SCD citt.", align: "right" },
  { title: "SCD serv.", align: "right" },
];

/** Hours due for group courses, by point id, to show "held / due". */
export type CourseHoursDue = ReadonlyMap<string, number>;

function figureCells(label: string, figures: ScopeFigures, due?: number): string[] {
  const courseHours = hoursOf(figures.courseMinutes);
  return [
    label,
    wholeNumber(figures.rfd.uniqueCitizens),
    wholeNumber(figures.rfd.services),
    hoursOf(figures.rfd.facilitationMinutes),
    due === undefined ? courseHours : `${courseHours} / ${hoursOf(due * 60)}`,
    wholeNumber(figures.noShows),
    oneDecimal(figures.rfd.averageRating),
    wholeNumber(figures.scd.uniqueCitizens),
    wholeNumber(figures.scd.services),
  ];
}

const byName = (names: ReadonlyMap<string, string>) => (a: string, b: string) =>
  (names.get(a) ?? a).localeCompare(names.get(b) ?? b, "it");

/**
 * The figures table: one line per point, then per organisation, then the total. Cittadini, Servizi,
 * ore and voto are the network's (RFD); the SCD columns are the volunteers' programme, never added in.
 */
export function renderFiguresTable(report: FiguresReport, names: ReportNames, courseHoursDue?: CourseHoursDue): string {
  const heading = `Dal ${italianDate(report.period.from)} al ${italianDate(report.period.to)}`;
  if (report.points.size === 0) return `${heading}\nNessun servizio, corso o assenza registrati in questo periodo.`;
  const rows: string[][] = [];
  for (const id of [...report.points.keys()].sort(byName(names.points))) {
    const figures = report.points.get(id);
    if (figures) rows.push(figureCells(`Punto: ${names.points.get(id) ?? id}`, figures, courseHoursDue?.get(id)));
  }
  for (const id of [...report.organisations.keys()].sort(byName(names.organisations))) {
    const figures = report.organisations.get(id);
    if (figures) rows.push(figureCells(`Ente: ${names.organisations.get(id) ?? id}`, figures));
  }
  rows.push(figureCells("Totale", report.overall));
  const notes = [
    "Cittadini unici, servizi, ore e voto: rete dei punti (RFD). SCD: Servizio Civile Digitale, contati a parte.",
    ...(courseHoursDue ? ["Ore corsi: tenute / dovute (50 l'anno per punto, in proporzione ai giorni)."] : []),
    ...(report.duplicatesIgnored > 0
      ? [`${wholeNumber(report.duplicatesIgnored)} registrazioni doppie (stessa persona, stesso servizio) non contate.`]
      : []),
  ];
  return [heading, renderTable(FIGURE_COLUMNS, rows), ...notes].join("\n");
}

const PROGRESS_COLUMNS: TableColumn[] = [
  { title: "Punto", maxWidth: 40 },
  { title: "Cittadini", align: "right" },
  { title: "Obiettivo", align: "right" },
  { title: "Attesi oggi", align: "right" },
  { title: "Stato" },
  { title: "Prossimo traguardo" },
];

/** The progress table: where each point stands against its milestones. */
export function renderProgressTable(rows: ReadonlyArray<{ name: string; progress: Progress }>): string {
  if (rows.length === 0) return "Nessun punto da mostrare.";
  return renderTable(
    PROGRESS_COLUMNS,
    rows.map(({ name, progress }) => {
      const words = STATUS_WORDS[progress.status];
      if (progress.status === "no_target") {
        return [name, wholeNumber(progress.reached), "–", "–", `${words.symbol} ${words.it}`, "–"];
      }
      return [
        name,
        wholeNumber(progress.reached),
        wholeNumber(progress.target),
        wholeNumber(Math.floor(progress.expected)),
        `${words.symbol} ${words.it}`,
        progress.next ? `${wholeNumber(progress.next.citizens)} entro il ${italianDate(progress.next.by)}` : "–",
      ];
    }),
  );
}
