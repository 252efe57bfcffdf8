/**
 * An SVG chart of points' progress against their citizen milestones: one horizontal bar per point
 * (citizens reached, out of the target), a dashed marker where the point should be today, the
 * milestones as ticks with their number and date, and the status in words with a symbol. Status
 * is shown by colour, by the bar's pattern (plain, stripes, cross-hatch) and by text, so it never
 * rests on colour alone. Accessible: role="img" with a <title> and a <desc> that says the same in
 * sentences, text at least 11px on white, dark colours.
 *
 * Pure string output: part B's `npm run report` writes it to a file.
 */
import type { LocalDate } from "../points/types.js";
import { italianDate, wholeNumber } from "./format.js";
import { type Milestone, type Progress, type ProgressStatus, STATUS_WORDS } from "./milestones.js";

export interface ChartRow {
  name: string;
  progress: Progress;
  milestones: readonly Milestone[];
}

export interface ChartOptions {
  title: string;
  asOf: LocalDate;
  /** Prefix for element ids, when several charts share a page. */
  idPrefix?: string;
}

const WIDTH = 780;
const LABEL_X = 12;
const BAR_X = 220;
const BAR_WIDTH = 360;
const STATUS_X = BAR_X + BAR_WIDTH + 16;
const ROW_HEIGHT = 84;
const TOP = 112;

/** Fill colour and pattern of each status (colours dark enough for 3:1 on white). */
const STYLE: Record<ProgressStatus, { colour: string; pattern: "solid" | "dots" | "stripes" | "hatch" }> = {
  reached: { colour: "#1f4e8c", pattern: "dots" },
  on_track: { colour: "#1b6e3a", pattern: "solid" },
  at_risk: { colour: "#8a5300", pattern: "stripes" },
  behind: { colour: "#a1261d", pattern: "hatch" },
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const fmt = (value: number) => (Math.round(value * 10) / 10).toString();

function patternDefs(prefix: string): string {
  const defs = Object.entries(STYLE).map(([status, { colour, pattern }]) => {
    const id = `${prefix}fill-${status}`;
    if (pattern === "solid")
      return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/></pattern>`;
    if (pattern === "dots") {
      return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${colour}"/><circle cx="4" cy="4" r="1.6" fill="#ffffff"/></pattern>`;
    }
    if (pattern === "stripes") {
      return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="${colour}"/></pattern>`;
    }
    return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/><path d="M0 0L8 8M8 0L0 8" stroke="${colour}" stroke-width="2"/></pattern>`;
  });
  return `<defs>${defs.join("")}</defs>`;
}

function legend(prefix: string, y: number): string {
  const items: ProgressStatus[] = ["on_track", "at_risk", "behind", "reached"];
  const parts = items.map((status, i) => {
    const x = LABEL_X + i * 180;
    const words = STATUS_WORDS[status];
    return `<rect x="${x}" y="${y}" width="28" height="16" fill="url(#${prefix}fill-${status})" stroke="#1a1a1a"/><text x="${x + 36}" y="${y + 13}" font-size="13">${escapeXml(`${words.symbol} ${words.it}`)}</text>`;
  });
  const markerX = LABEL_X;
  return `<g aria-hidden="true">${parts.join("")}<line x1="${markerX + 14}" y1="${y + 26}" x2="${markerX + 14}" y2="${y + 44}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="4 3"/><text x="${markerX + 36}" y="${y + 40}" font-size="13">dove il punto dovrebbe essere oggi</text><path d="M${markerX + 320} ${y + 28}l6 10h-12z" fill="#1a1a1a"/><text x="${markerX + 336}" y="${y + 40}" font-size="13">traguardo (cittadini entro la data)</text></g>`;
}

function row(prefix: string, chartRow: ChartRow, index: number): string {
  const y = TOP + index * ROW_HEIGHT;
  const { progress } = chartRow;
  const name = escapeXml(chartRow.name.length > 28 ? `${chartRow.name.slice(0, 27)}…` : chartRow.name);
  const parts = [`<text x="${LABEL_X}" y="${y + 34}" font-size="14" font-weight="bold">${name}</text>`];
  if (progress.status === "no_target") {
    parts.push(
      `<text x="${LABEL_X}" y="${y + 54}" font-size="13">${escapeXml(`${wholeNumber(progress.reached)} cittadini`)}</text>`,
      `<rect x="${BAR_X}" y="${y + 22}" width="${BAR_WIDTH}" height="24" fill="#ffffff" stroke="#6b6b6b" stroke-dasharray="6 4"/>`,
      `<text x="${BAR_X + 12}" y="${y + 39}" font-size="13">Nessun obiettivo impostato per questo punto</text>`,
      `<text x="${STATUS_X}" y="${y + 39}" font-size="14" font-weight="bold">${escapeXml(`${STATUS_WORDS.no_target.symbol} ${STATUS_WORDS.no_target.it}`)}</text>`,
    );
    return `<g>${parts.join("")}</g>`;
  }
  const scale = (citizens: number) => BAR_X + (Math.min(citizens, progress.target) / progress.target) * BAR_WIDTH;
  const style = STYLE[progress.status];
  const words = STATUS_WORDS[progress.status];
  parts.push(
    `<text x="${LABEL_X}" y="${y + 54}" font-size="13">${escapeXml(`${wholeNumber(progress.reached)} su ${wholeNumber(progress.target)} cittadini`)}</text>`,
    `<rect x="${BAR_X}" y="${y + 22}" width="${BAR_WIDTH}" height="24" fill="#ffffff" stroke="#1a1a1a"/>`,
    `<rect x="${BAR_X}" y="${y + 22}" width="${fmt(scale(progress.reached) - BAR_X)}" height="24" fill="url(#${prefix}fill-${progress.status})" stroke="${style.colour}"/>`,
  );
  for (const milestone of chartRow.milestones) {
    const x = fmt(scale(milestone.citizens));
    parts.push(
      `<path d="M${x} ${y + 46}l6 10h-12z" fill="#1a1a1a"/>`,
      `<text x="${x}" y="${y + 70}" font-size="11" text-anchor="middle">${escapeXml(`${wholeNumber(milestone.citizens)} · ${italianDate(milestone.by)}`)}</text>`,
    );
  }
  const expectedX = fmt(scale(progress.expected));
  parts.push(
    `<line x1="${expectedX}" y1="${y + 14}" x2="${expectedX}" y2="${y + 50}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="4 3"/>`,
    `<text x="${expectedX}" y="${y + 11}" font-size="11" text-anchor="middle">${escapeXml(`attesi ${wholeNumber(Math.floor(progress.expected))}`)}</text>`,
    `<text x="${STATUS_X}" y="${y + 39}" font-size="14" font-weight="bold" fill="${style.colour}">${escapeXml(`${words.symbol} ${words.it}`)}</text>`,
  );
  return `<g>${parts.join("")}</g>`;
}

/** The whole chart as an SVG document (UTF-8 text). */
export function progressChartSvg(rows: readonly ChartRow[], options: ChartOptions): string {
  const prefix = options.idPrefix ?? "sportello-";
  const height = TOP + Math.max(rows.length, 1) * ROW_HEIGHT + 16;
  const counts = new Map<string, number>();
  for (const { progress } of rows) counts.set(progress.status, (counts.get(progress.status) ?? 0) + 1);
  const order: Array<ProgressStatus | "no_target"> = ["on_track", "at_risk", "behind", "reached", "no_target"];
  const summary = order
    .filter((status) => counts.has(status))
    .map((status) => `${counts.get(status)} ${STATUS_WORDS[status].it.toLowerCase()}`)
    .join(", ");
  const description = [
    `Avanzamento verso i traguardi al ${italianDate(options.asOf)}: ${rows.length} ${rows.length === 1 ? "punto" : "punti"}${summary ? ` (${summary})` : ""}.`,
    ...rows.map(({ name, progress }) => `${name}: ${progress.message}`),
  ].join(" ");
  const body =
    rows.length === 0
      ? `<text x="${LABEL_X}" y="${TOP + 30}" font-size="14">Nessun punto da mostrare.</text>`
      : rows.map((chartRow, i) => row(prefix, chartRow, i)).join("");
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${prefix}title ${prefix}desc" font-family="Verdana, Arial, sans-serif" fill="#1a1a1a">`,
    `<title id="${prefix}title">${escapeXml(options.title)}</title>`,
    `<desc id="${prefix}desc">${escapeXml(description)}</desc>`,
    patternDefs(prefix),
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LABEL_X}" y="26" font-size="18" font-weight="bold">${escapeXml(options.title)}</text>`,
    `<text x="${LABEL_X}" y="46" font-size="13">${escapeXml(`Cittadini unici della rete (RFD) al ${italianDate(options.asOf)}`)}</text>`,
    legend(prefix, 58),
    body,
    "</svg>",
    "",
  ].join("\n");
}
