import { describe, expect, it } from "vitest";
import { type PointTarget, progressAgainstMilestones, TORINO_MILESTONES } from "./milestones.js";
import { type ChartRow, escapeXml, progressChartSvg } from "./progress-chart.js";

const TORINO: PointTarget = { target: 803, start: "2023-01-01", milestones: TORINO_MILESTONES };
const AS_OF = "2024-07-01"; // 345 expected

function rowsFor(reached: Record<string, number | null>): ChartRow[] {
  return Object.entries(reached).map(([name, count]) => ({
    name,
    milestones: count === null ? [] : TORINO_MILESTONES,
    progress:
      count === null
        ? progressAgainstMilestones({ target: null, start: "2023-01-01", milestones: [] }, 12, AS_OF)
        : progressAgainstMilestones(TORINO, count, AS_OF),
  }));
}

/** Minimal well-formedness: every opened tag is closed in order. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name = "", selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe("progressChartSvg", () => {
  const svg = progressChartSvg(
    rowsFor({ "Biblioteca Civica": 400, "Bus digitale": 320, "Centro anziani <Nord> & Co": 100, "Punto nuovo": null }),
    { title: "Torino: avanzamento", asOf: AS_OF },
  );

  it("is a well-formed, accessible SVG document", () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="sportello-title sportello-desc"');
    expect(svg).toMatch(/<title id="sportello-title">Torino: avanzamento<\/title>/);
    expect(balanced(svg)).toBe(true);
    // No text smaller than 11px.
    for (const match of svg.matchAll(/font-size="(\d+)"/g)) expect(Number(match[1])).toBeGreaterThanOrEqual(11);
  });

  it("describes every point in words, in the desc", () => {
    const desc = /<desc id="sportello-desc">([^<]*)<\/desc>/.exec(svg)?.[1] ?? "";
    expect(desc).toContain("al 01/07/2024: 4 punti (1 in linea, 1 a rischio, 1 in ritardo, 1 senza obiettivo)");
    expect(desc).toContain("Biblioteca Civica: In linea: 400 cittadini, ne erano attesi 345");
    expect(desc).toContain("Punto nuovo: Questo punto non ha un obiettivo");
  });

  it("shows status by pattern and text as well as colour", () => {
    expect(svg).toContain("✓ In linea");
    expect(svg).toContain("! A rischio");
    expect(svg).toContain("✗ In ritardo");
    expect(svg).toContain("Nessun obiettivo impostato per questo punto");
    expect(svg).toContain('fill="url(#sportello-fill-on_track)"');
    expect(svg).toContain('fill="url(#sportello-fill-at_risk)"');
    expect(svg).toContain('fill="url(#sportello-fill-behind)"');
    expect(svg).toMatch(/<pattern id="sportello-fill-at_risk"[^>]*patternTransform="rotate\(45\)"/);
    expect(svg).toMatch(/<pattern id="sportello-fill-behind"[^>]*><rect[^>]*\/><path d="M0 0L8 8M8 0L0 8"/);
  });

  it("draws bars, the expected marker and the milestones to scale", () => {
    // 400 of 803 over a 360px bar starting at x=220.
    expect(svg).toContain(
      `width="${(Math.round((400 / 803) * 360 * 10) / 10).toString()}" height="24" fill="url(#sportello-fill-on_track)"`,
    );
    const expectedX = (Math.round((220 + (345 / 803) * 360) * 10) / 10).toString();
    expect(svg).toContain(`<line x1="${expectedX}"`);
    expect(svg).toContain("attesi 345");
    expect(svg).toContain("203 · 31/12/2023");
    expect(svg).toContain("487 · 31/12/2024");
    expect(svg).toContain("803 · 31/12/2025");
  });

  it("escapes names and never lets a bar run past the target", () => {
    expect(svg).toContain("Centro anziani &#60;Nord&#62; &#38; Co");
    expect(svg).not.toContain("<Nord>");
    const over = progressChartSvg(rowsFor({ Pieno: 2000 }), { title: "x", asOf: AS_OF });
    expect(over).toContain('width="360" height="24" fill="url(#sportello-fill-reached)"');
    expect(over).toContain("★ Obiettivo raggiunto");
  });

  it("handles no points and custom id prefixes", () => {
    const empty = progressChartSvg([], { title: "Vuoto", asOf: AS_OF, idPrefix: "m5-" });
    expect(empty).toContain("Nessun punto da mostrare.");
    expect(empty).toContain('aria-labelledby="m5-title m5-desc"');
    expect(balanced(empty)).toBe(true);
    expect(escapeXml(`a"b'c`)).toBe("a&#34;b&#39;c");
  });
});
