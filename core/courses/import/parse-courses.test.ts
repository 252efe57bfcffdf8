import { describe, expect, it } from "vitest";
import { areaOfCompetence, parseCoursesCsv } from "./parse-courses.js";

const HEADER =
  "codice_corso,codice_punto,titolo,livello,tipo,modalita,competenze,facilitatore,sessione,data,inizio,fine,posti";
const ROW = "C1,P1,SPID facile,base,formazione,presenza,9:4,a@b.it,1,15/12/2026,9:30,11:00,10";

describe("parseCoursesCsv", () => {
  it("reads a minimal file with commas, Italian dates and short hours; areas follow the competences", () => {
    const parsed = parseCoursesCsv(`${HEADER}\n${ROW}\n${ROW.replace(",1,15/12/2026", ",2,2026-12-22")}\n`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.courses).toHaveLength(1);
    expect(parsed.courses[0]).toMatchObject({
      code: "C1",
      areas: ["B"],
      competences: [4, 9],
      online: false,
      format: "training",
      sessions: [
        { number: 1, date: "2026-12-15", starts: "09:30", ends: "11:00", seats: 10, cancelled: false },
        { number: 2, date: "2026-12-22" },
      ],
    });
  });

  it("reports a missing column, an unknown column, and an empty file", () => {
    const missing = parseCoursesCsv(`${HEADER.replace(",posti", ",colore")}\n${ROW}`);
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.problems).toEqual([
      { line: 1, column: "posti", message: "manca questa colonna" },
      { line: 1, column: "colore", message: "colonna sconosciuta" },
    ]);
    const empty = parseCoursesCsv(`${HEADER}\n`);
    expect(!empty.ok && empty.problems[0]?.message).toBe("il file non ha righe di corsi");
  });

  it("refuses areas that leave out the competences' own", () => {
    const parsed = parseCoursesCsv(`${HEADER},aree\n${ROW},A`);
    expect(!parsed.ok && parsed.problems.map((p) => p.message)).toEqual([
      "mancano le aree B delle competenze indicate",
    ]);
  });

  it("maps competences to areas as the platform does", () => {
    expect([1, 3, 4, 9, 10, 11, 12, 13].map(areaOfCompetence)).toEqual(["A", "A", "B", "B", "C", "D", "D", "E"]);
  });
});
