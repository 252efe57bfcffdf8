import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateSchedule } from "../schedule-schema.js";
import { COLUMN_NAMES } from "./columns.js";
import { toCsvText } from "./csv-text.js";
import { formatNote } from "./notes.js";
import { type PointsCsvResult, parsePointsCsv } from "./parse-points.js";

const EXAMPLE = readFileSync(new URL("../../../docs/examples/points.csv", import.meta.url));

type Row = Record<string, string>;

const WEEKDAY_HOURS: Row = Object.fromEntries(
  ["LUN", "MAR", "MER", "GIO", "VEN"].flatMap((d) => [
    [`${d}_1`, "09:00-13:00"],
    [`${d}_2`, "14:00-18:00"],
  ]),
);

/** A valid fixed point in Torino, open Monday to Friday 9-13 and 14-18. */
const main = (overrides: Row = {}): Row => ({
  codice_punto: "TO-BIB-01",
  ente: "Comune di Torino",
  nome_punto: "Biblioteca civica Italo Calvino",
  tipo: "fisso",
  sede_principale: "si",
  nome_sede: "Biblioteca Calvino",
  indirizzo: "Lungo Dora Agrigento",
  civico: "94",
  cap: "10152",
  comune: "Torino",
  provincia: "TO",
  lat: "45.0786",
  lon: "7.6893",
  postazioni: "3",
  postazioni_prenotabili: "2",
  servizi: "facilitazione=60:presenza+telefono; accoglienza=30:presenza",
  ...WEEKDAY_HOURS,
  ...overrides,
});

/** A secondary site of the same point, point-level cells left empty. */
const secondary = (overrides: Row = {}): Row => ({
  codice_punto: "TO-BIB-01",
  sede_principale: "no",
  nome_sede: "Sala studio Aurora",
  indirizzo: "Via Cecchi",
  civico: "2",
  cap: "10152",
  comune: "Torino",
  provincia: "TO",
  lat: "45.0790",
  lon: "7.6870",
  ...overrides,
});

const csv = (rows: Row[], options: Parameters<typeof toCsvText>[2] = {}, header = COLUMN_NAMES) =>
  toCsvText(header, rows, options);

function problems(result: PointsCsvResult): string[] {
  if (result.ok) throw new Error(`expected the file to be refused; it gave ${result.points.length} points`);
  return result.problems.map(formatNote);
}

function accepted(result: PointsCsvResult) {
  if (!result.ok) throw new Error(`expected the file to be accepted:\n${result.problems.map(formatNote).join("\n")}`);
  return result;
}

const refusal = (rows: Row[]) => problems(parsePointsCsv(csv(rows)));

describe("parsePointsCsv: good files", () => {
  it("reads the documented example file", () => {
    const result = accepted(parsePointsCsv(EXAMPLE));
    expect(result.delimiter).toBe(";");
    expect(result.rows).toBe(7);
    expect(result.warnings).toEqual([]);
    expect(result.points.map((p) => [p.code, p.kind, p.sites.length])).toEqual([
      ["BO-BIB-01", "fixed", 1],
      ["BO-BIB-02", "fixed", 1],
      ["CAS-APS-01", "fixed", 2],
      ["APP-BUS-01", "itinerant", 3],
    ]);
    const [salaborsa, khaoula, casalecchio, bus] = result.points;
    expect(salaborsa?.sites[0]?.coordinates).toEqual({ lat: 44.49393, lon: 11.34268 });
    expect(salaborsa?.services).toEqual([
      { kind: "facilitazione", slotMinutes: 60, modes: ["in_presenza", "telefono", "videochiamata"] },
      { kind: "accoglienza", slotMinutes: 30, modes: ["in_presenza"] },
      { kind: "corso", slotMinutes: 120, modes: ["in_presenza"] },
    ]);
    expect(salaborsa?.weekly.filter((w) => w.weekday === 6)).toEqual([
      { weekday: 6, shift: 1, opens: "10:00", closes: "13:00" },
    ]);
    // ISTAT code derived from comune + provincia when the column is empty.
    expect(khaoula?.sites[0]?.address).toMatchObject({ comune: "Bologna", comuneIstat: "037006", province: "BO" });
    expect(casalecchio?.sites.map((s) => [s.name, s.isMain])).toEqual([
      ["Centro sociale Garibaldi", true],
      ["Casa della Conoscenza", false],
    ]);
    expect(casalecchio?.contacts.website).toBe("https://www.example.org/casalecchio");
    expect(casalecchio?.active).toBe(true);
    expect(bus?.weekly).toEqual([]);
    for (const point of result.points) {
      expect(() =>
        validateSchedule({
          kind: point.kind,
          weekly: point.weekly,
          special: [],
          closures: [],
          localHolidays: [],
          visits: [],
        }),
      ).not.toThrow();
    }
  });

  it("gives the same points for ';' or ',' delimiters, with or without BOM, LF or CRLF, text or bytes", () => {
    const rows = [main({ descrizione: 'Aiuto con SPID; CIE, "app IO"' }), secondary()];
    const reference = accepted(parsePointsCsv(csv(rows, { delimiter: ";", lineEnd: "\n" })));
    const variants = [
      csv(rows, { delimiter: ",", lineEnd: "\r\n", bom: true }),
      csv(rows, { delimiter: ";", lineEnd: "\r\n", bom: true }),
      new TextEncoder().encode(csv(rows, { delimiter: ",", lineEnd: "\n", bom: true })),
      csv(rows, { delimiter: "\t" }),
    ];
    for (const variant of variants) {
      const result = accepted(parsePointsCsv(variant));
      expect(result.points).toEqual(reference.points);
    }
    expect(reference.points[0]?.description).toBe('Aiuto con SPID; CIE, "app IO"');
    expect(accepted(parsePointsCsv(variants[0] ?? "")).delimiter).toBe(",");
  });

  it("counts lines inside quoted multi-line cells, and skips empty rows", () => {
    const text = csv([main({ descrizione: "Prima riga\nseconda riga\nterza riga" }), {}, secondary({ cap: "1015" })]);
    // Header line 1, the first row spans lines 2-4, the empty row is line 5.
    expect(problems(parsePointsCsv(text))).toEqual([
      expect.stringMatching(/^riga 6, colonna cap: il CAP 1015 non è valido \(servono 5 cifre\)/),
    ]);
    const ok = accepted(parsePointsCsv(csv([main({ descrizione: "Prima riga\r\nseconda riga" }), {}, secondary()])));
    expect(ok.points[0]?.description).toBe("Prima riga\nseconda riga");
    expect(ok.rows).toBe(2);
  });

  it("reads Windows-1252 files (Excel's plain CSV) and says so", () => {
    const text = csv([main({ nome_punto: "Biblioteca della città" })]);
    const bytes = Uint8Array.from([...text].map((c) => (c === "à" ? 0xe0 : c.charCodeAt(0))));
    const result = accepted(parsePointsCsv(bytes));
    expect(result.encoding).toBe("windows-1252");
    expect(result.points[0]?.name).toBe("Biblioteca della città");
    expect(result.warnings.map(formatNote)).toEqual([expect.stringContaining("non è in UTF-8")]);
  });

  it("accepts header names in any case, optional columns left out, and fills ISTAT code and coordinates", () => {
    const header = COLUMN_NAMES.filter(
      (c) => !["codice_istat", "lat", "lon", "sito", "SAB_1", "SAB_2"].includes(c),
    ).map((c) => c.toUpperCase());
    const row = Object.fromEntries(
      Object.entries(main({ comune: "moncalieri", cap: "10024" })).map(([k, v]) => [k.toUpperCase(), v]),
    );
    const result = accepted(parsePointsCsv(csv([row], {}, header)));
    const site = result.points[0]?.sites[0];
    expect(site?.address).toMatchObject({ comune: "Moncalieri", comuneIstat: "001156", province: "TO", cap: "10024" });
    expect(site?.coordinatesFromComune).toBe(true);
    expect(site?.coordinates.lat).toBeCloseTo(44.9994, 3);
    expect(result.warnings.map(formatNote)).toEqual([
      expect.stringMatching(
        /^riga 2, colonna lat: mancano lat e lon: uso il punto di riferimento del comune di Moncalieri/,
      ),
    ]);
  });

  it("normalises values: code in upper case, decimal commas, ISTAT code without its leading zeros, sì", () => {
    const result = accepted(
      parsePointsCsv(
        csv([
          main({
            codice_punto: "to-bib-01",
            lat: "45,0786",
            lon: "7,6893",
            codice_istat: "1272",
            sede_principale: "Sì",
          }),
          secondary({ codice_punto: "TO-bib-01" }),
        ]),
      ),
    );
    const [point] = result.points;
    expect(point?.code).toBe("TO-BIB-01");
    expect(point?.sites.map((s) => s.address.comuneIstat)).toEqual(["001272", "001272"]);
    expect(point?.sites[0]?.coordinates).toEqual({ lat: 45.0786, lon: 7.6893 });
  });

  it("accepts secondary rows that repeat the point's data, and a point with only afternoons", () => {
    const afternoons = Object.fromEntries(
      ["LUN", "MAR", "MER", "GIO", "VEN", "SAB"].map((d) => [`${d}_2`, "14:00-18:00"]),
    );
    const row = main({ ...Object.fromEntries(Object.keys(WEEKDAY_HOURS).map((k) => [k, ""])), ...afternoons });
    const repeat = { ...row, sede_principale: "no", nome_sede: "Succursale", indirizzo: "Via Cecchi" };
    const result = accepted(parsePointsCsv(csv([row, repeat])));
    expect(result.points[0]?.weekly).toHaveLength(6);
    expect(result.points[0]?.weekly.every((w) => w.shift === 2)).toBe(true);
    expect(result.points[0]?.sites).toHaveLength(2);
  });

  it("warns, without refusing, about a CAP of another comune, far coordinates and few weekly hours", () => {
    const result = accepted(
      parsePointsCsv(
        csv([
          main({ cap: "20121", lat: "45.4642", lon: "9.19", LUN_2: "", MAR_2: "", MER_2: "", GIO_2: "", VEN_2: "" }),
        ]),
      ),
    );
    expect(result.warnings.map(formatNote)).toEqual([
      expect.stringContaining("colonna cap: il CAP 20121 non risulta fra quelli di Torino (TO) (10121…10156)"),
      expect.stringContaining("la sede è a 126 km dal centro di Torino"),
      expect.stringContaining("è aperto 20 ore a settimana: la rete chiede almeno 24 ore"),
    ]);
  });
});

describe("parsePointsCsv: bad rows", () => {
  it("refuses a header without a required column, or with an unknown or repeated one", () => {
    const noCap = COLUMN_NAMES.filter((c) => c !== "cap");
    expect(problems(parsePointsCsv(csv([main()], {}, noCap)))).toEqual([
      "riga 1, colonna cap: colonna obbligatoria mancante nell'intestazione",
    ]);
    const typo = COLUMN_NAMES.map((c) => (c === "postazioni" ? "postazione" : c));
    expect(problems(parsePointsCsv(csv([main({ postazione: "3" })], {}, typo)))).toEqual([
      expect.stringMatching(/^riga 1, colonna postazione: colonna sconosciuta: forse "postazioni"\?/),
      "riga 1, colonna postazioni: colonna obbligatoria mancante nell'intestazione",
    ]);
    const twice = [...COLUMN_NAMES, "CAP"];
    expect(problems(parsePointsCsv(csv([main()], {}, twice)))).toEqual([
      "riga 1, colonna cap: la colonna compare due volte nell'intestazione",
    ]);
  });

  it("refuses rows with a missing cell or a missing value", () => {
    const text = `${csv([main()]).trimEnd()}\r\nTO-BIB-02;Comune di Torino\r\n`;
    expect(problems(parsePointsCsv(text))).toEqual([
      expect.stringMatching(/^riga 3: la riga ha 2 celle ma l'intestazione ha 38 colonne/),
    ]);
    expect(refusal([main({ nome_sede: "", servizi: "" })])).toEqual([
      "riga 2, colonna nome_sede: manca il valore (la colonna è obbligatoria)",
      "riga 2, colonna servizi: manca il valore: va indicato sulla riga della sede principale",
    ]);
  });

  it("refuses a bad CAP", () => {
    expect(refusal([main({ cap: "1012" })])).toEqual([
      expect.stringMatching(
        /^riga 2, colonna cap: il CAP 1012 non è valido \(servono 5 cifre\): se il file viene da Excel/,
      ),
    ]);
    expect(refusal([main({ cap: "10l52" })])).toEqual([
      "riga 2, colonna cap: il CAP 10l52 non è valido (servono 5 cifre)",
    ]);
  });

  it("refuses an unknown comune, suggesting the closest, and a comune of another province", () => {
    expect(refusal([main({ comune: "Torinno" })])).toEqual([
      "riga 2, colonna comune: comune «Torinno» non trovato in provincia di TO: forse Torino (TO)?",
    ]);
    expect(refusal([main({ comune: "Paperopoli" })])).toEqual([
      "riga 2, colonna comune: comune «Paperopoli» non trovato in provincia di TO",
    ]);
    expect(refusal([main({ comune: "Moncalieri", provincia: "MI", cap: "10024" })])).toEqual([
      "riga 2, colonna provincia: Moncalieri non è in provincia di MI (è in provincia di TO)",
    ]);
    expect(refusal([main({ provincia: "Torino" })])).toEqual([
      "riga 2, colonna provincia: la provincia «Torino» non è valida: scrivi la sigla di due lettere (per esempio TO)",
    ]);
  });

  it("refuses an ISTAT code that does not match the comune, or does not exist", () => {
    expect(refusal([main({ codice_istat: "001156" })])).toEqual([
      "riga 2, colonna codice_istat: il codice ISTAT 001156 è di Moncalieri (TO), non di Torino (TO)",
    ]);
    expect(refusal([main({ codice_istat: "999999" })])).toEqual([
      "riga 2, colonna codice_istat: il codice ISTAT 999999 non corrisponde a nessun comune",
    ]);
    expect(refusal([main({ codice_istat: "TO1272" })])).toEqual([
      expect.stringContaining("colonna codice_istat: il codice ISTAT «TO1272» non è valido"),
    ]);
  });

  it("refuses fewer than 2 workstations, and more bookable workstations than workstations", () => {
    expect(refusal([main({ postazioni: "1", postazioni_prenotabili: "1" })])).toEqual([
      "riga 2, colonna postazioni: 1 postazioni non bastano: un punto ne deve avere almeno 2 che lavorano insieme",
    ]);
    expect(refusal([main({ postazioni: "3", postazioni_prenotabili: "4" })])).toEqual([
      "riga 2, colonna postazioni_prenotabili: le postazioni prenotabili (4) sono più delle postazioni (3): possono essere al massimo 3",
    ]);
    expect(refusal([main({ postazioni_prenotabili: "0" })])).toEqual([
      "riga 2, colonna postazioni_prenotabili: serve almeno 1 postazione prenotabile",
    ]);
    expect(refusal([main({ postazioni: "tre" })])).toEqual([
      "riga 2, colonna postazioni: «tre» non è un numero intero di postazioni",
    ]);
  });

  it("refuses badly written hours, hours off the 15-minute grid and hours that close before opening", () => {
    expect(refusal([main({ LUN_1: "9-13" })])).toEqual([
      "riga 2, colonna LUN_1: l'orario «9-13» non è scritto bene: usa HH:MM-HH:MM con due cifre per ore e minuti, per esempio 09:00-13:00",
    ]);
    expect(refusal([main({ MAR_1: "13:00-09:00" })])).toEqual([
      "riga 2, colonna MAR_1: l'orario 13:00-09:00 chiude prima di aprire",
    ]);
    expect(refusal([main({ MER_2: "14:10-18:00" })])).toEqual([
      "riga 2, colonna MER_2: l'orario 14:10-18:00 non è sui quarti d'ora: usa minuti :00, :15, :30 o :45",
    ]);
    expect(refusal([main({ GIO_1: "25:00-26:00" })])).toEqual([
      "riga 2, colonna GIO_1: l'orario 25:00-26:00 contiene un'ora che non esiste (da 00:00 a 23:59)",
    ]);
  });

  it("refuses overlapping shifts, and a second shift before the first", () => {
    expect(refusal([main({ LUN_1: "09:00-13:00", LUN_2: "12:00-15:00" })])).toEqual([
      "riga 2, colonna LUN_2: i due turni di lunedì si sovrappongono (09:00-13:00 e 12:00-15:00)",
    ]);
    expect(refusal([main({ VEN_1: "14:00-18:00", VEN_2: "09:00-13:00" })])).toEqual([
      "riga 2, colonna VEN_2: il turno 2 di venerdì (09:00-13:00) viene prima del turno 1 (14:00-18:00): il turno 1 è quello del mattino",
    ]);
  });

  it("refuses a fixed point without hours and an itinerant point with weekly hours", () => {
    const noHours = Object.fromEntries(Object.keys(WEEKDAY_HOURS).map((k) => [k, ""]));
    expect(refusal([main(noHours)])).toEqual([
      "riga 2: un punto fisso deve pubblicare i suoi orari: compila almeno una colonna fra LUN_1 e DOM_2",
    ]);
    expect(refusal([main({ tipo: "itinerante" }), secondary()])).toEqual([
      expect.stringMatching(/^riga 2, colonna LUN_1: un punto itinerante non ha orari settimanali/),
    ]);
    expect(refusal([main({ tipo: "mobile" })])).toEqual([
      "riga 2, colonna tipo: tipo «mobile» sconosciuto: scrivi fisso oppure itinerante",
    ]);
  });

  it("refuses two main sites, and a point without one", () => {
    expect(refusal([main(), secondary({ sede_principale: "si" })])).toEqual([
      "riga 3, colonna sede_principale: il punto TO-BIB-01 ha già la sede principale alla riga 2: ogni punto ne ha una sola",
    ]);
    expect(refusal([secondary(), secondary({ nome_sede: "Altra sala" })])).toEqual([
      "riga 2, colonna sede_principale: il punto TO-BIB-01 non ha una sede principale: scrivi si in sede_principale su una delle sue righe",
    ]);
    expect(refusal([main({ sede_principale: "forse" })])).toEqual([
      "riga 2, colonna sede_principale: «forse» non è un valore di sede_principale: scrivi si oppure no",
    ]);
  });

  it("refuses a secondary row whose point data disagree with the main row", () => {
    expect(
      refusal([
        main(),
        secondary({ postazioni: "4", servizi: "facilitazione=30:presenza", LUN_1: "08:00-12:00", nome_punto: "Altro" }),
      ]),
    ).toEqual([
      "riga 3, colonna nome_punto: non coincide con la riga della sede principale (riga 2): lì «Biblioteca civica Italo Calvino», qui «Altro»; lascia la cella vuota o scrivi lo stesso valore",
      "riga 3, colonna postazioni: non coincide con la riga della sede principale (riga 2): lì «3», qui «4»; lascia la cella vuota o scrivi lo stesso valore",
      "riga 3, colonna servizi: non coincide con la riga della sede principale (riga 2): lì «facilitazione=60:presenza+telefono; accoglienza=30:presenza», qui «facilitazione=30:presenza»; lascia la cella vuota o scrivi lo stesso valore",
      "riga 3, colonna LUN_1: non coincide con la riga della sede principale (riga 2): lì «09:00-13:00», qui «08:00-12:00»; lascia la cella vuota o scrivi lo stesso valore",
    ]);
  });

  it("refuses an unknown service notation", () => {
    const cases: Array<[string, string]> = [
      ["facilitazione 60 presenza", "la voce «facilitazione 60 presenza» non segue lo schema servizio=minuti:modalità"],
      ["consulenza=60:presenza", "servizio «consulenza» sconosciuto: usa facilitazione, accoglienza o corso"],
      ["facilitazione=50:presenza", "durata «50» di facilitazione non valida"],
      ["facilitazione=60:presenza+fax", "modalità «fax» di facilitazione sconosciuta"],
      ["facilitazione=60:", "mancano le modalità di facilitazione"],
      ["accoglienza=30:presenza", "manca facilitazione, il servizio che ogni punto deve offrire"],
      ["facilitazione=60:presenza; facilitazione=30:telefono", "il servizio facilitazione è indicato due volte"],
    ];
    for (const [servizi, reason] of cases) {
      expect(refusal([main({ servizi })])).toEqual([expect.stringContaining(`riga 2, colonna servizi: ${reason}`)]);
    }
  });

  it("refuses two rows of the same point for the same site", () => {
    expect(refusal([main(), secondary(), secondary({ nome_sede: "sala studio aurora", civico: "4" })])).toEqual([
      "riga 4, colonna nome_sede: la sede «sala studio aurora» del punto TO-BIB-01 è già alla riga 3: ogni sede va su una riga sola",
    ]);
    expect(refusal([main(), main()])).toEqual([
      "riga 3, colonna sede_principale: il punto TO-BIB-01 ha già la sede principale alla riga 2: ogni punto ne ha una sola",
      "riga 3, colonna nome_sede: la sede «Biblioteca Calvino» del punto TO-BIB-01 è già alla riga 2: ogni sede va su una riga sola",
    ]);
  });

  it("refuses bad coordinates, contacts and monitoring ids", () => {
    expect(refusal([main({ lon: "" })])).toEqual([
      "riga 2, colonna lon: manca lon: lat e lon vanno indicate insieme (o lasciate vuote entrambe)",
    ]);
    expect(refusal([main({ lat: "7.6893", lon: "45.0786" })])).toEqual([
      "riga 2, colonna lat: la latitudine 7.6893 è fuori dall'Italia (fra 35 e 48): hai scambiato lat e lon?",
      "riga 2, colonna lon: la longitudine 45.0786 è fuori dall'Italia (fra 6 e 19)",
    ]);
    expect(refusal([main({ telefono: "chiamare", email: "calvino@", sito: "javascript:alert(1)" })])).toEqual([
      expect.stringContaining("colonna telefono: il telefono «chiamare» non è valido"),
      "riga 2, colonna email: l'indirizzo email «calvino@» non è valido",
      expect.stringContaining("colonna sito: il sito «javascript:alert(1)» non è un indirizzo web valido"),
    ]);
    expect(
      refusal([
        main({ id_monitoraggio: "123" }),
        main({ codice_punto: "TO-BIB-02", nome_sede: "Altra biblioteca", id_monitoraggio: "123" }),
      ]),
    ).toEqual([
      "riga 3, colonna id_monitoraggio: l'id di monitoraggio 123 è già del punto TO-BIB-01: ogni punto ha il suo",
    ]);
  });

  it("reports every problem of every row at once, and returns no point", () => {
    const result = parsePointsCsv(
      csv([
        main({ cap: "1", lat: "x" }),
        main({ codice_punto: "TO-2", nome_sede: "B", postazioni: "1", postazioni_prenotabili: "1" }),
        main({ codice_punto: "TO-3", nome_sede: "C" }),
      ]),
    );
    expect(result.ok).toBe(false);
    expect(problems(result)).toEqual([
      expect.stringMatching(/^riga 2, colonna cap: il CAP 1 non è valido/),
      "riga 2, colonna lat: «x» non è una coordinata in gradi decimali (per esempio 45.0703)",
      expect.stringMatching(/^riga 3, colonna postazioni: 1 postazioni non bastano/),
    ]);
    expect("points" in result).toBe(false);
  });
});

describe("parsePointsCsv: limits and hostile content", () => {
  it("refuses a file over 5 MB before reading it", () => {
    const big = `${COLUMN_NAMES.join(";")}\n${"x".repeat(5 * 1024 * 1024)}`;
    expect(problems(parsePointsCsv(big))).toEqual([
      "il file è troppo grande: pesa 5,00 MB, oltre il massimo di 5 MB; dividilo in più file",
    ]);
    expect(problems(parsePointsCsv(new Uint8Array(5 * 1024 * 1024 + 1)))).toEqual([
      expect.stringContaining("il file è troppo grande"),
    ]);
  });

  it("refuses more than 20,000 rows", () => {
    const header = [
      "codice_punto",
      "ente",
      "nome_punto",
      "tipo",
      "sede_principale",
      "nome_sede",
      "indirizzo",
      "cap",
      "comune",
      "provincia",
      "postazioni",
      "postazioni_prenotabili",
      "servizi",
    ];
    const line = "X;E;N;fisso;si;S;V;10152;Torino;TO;3;2;facilitazione=60:presenza";
    const text = [header.join(";"), ...Array.from({ length: 20_001 }, () => line)].join("\n");
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
    expect(problems(parsePointsCsv(text))).toEqual(["il file ha più di 20.000 righe: dividilo in più file"]);
  });

  it("refuses cells that look like spreadsheet formulas, but not a phone number with +", () => {
    expect(refusal([main({ nome_punto: "=CMD()", ente: "@SUM(A1)", nome_sede: "+1+1", indirizzo: "-2" })])).toEqual([
      "riga 2, colonna ente: il valore «@SUM(A1)» sembra una formula di foglio di calcolo: una cella non può iniziare con = + - @",
      "riga 2, colonna nome_punto: il valore «=CMD()» sembra una formula di foglio di calcolo: una cella non può iniziare con = + - @",
      "riga 2, colonna nome_sede: il valore «+1+1» sembra una formula di foglio di calcolo: una cella non può iniziare con = + - @",
      "riga 2, colonna indirizzo: il valore «-2» sembra una formula di foglio di calcolo: una cella non può iniziare con = + - @",
    ]);
    expect(refusal([main({ cap: '=HYPERLINK("http://x")', servizi: "=1+1" })])).toEqual([
      expect.stringContaining("colonna cap: il CAP =HYPERLINK"),
      expect.stringContaining("colonna servizi: la voce «=1+1» non segue lo schema"),
    ]);
    const phone = accepted(parsePointsCsv(csv([main({ telefono: "+39 011 000 0101" })])));
    expect(phone.points[0]?.contacts.phone).toBe("+39 011 000 0101");
  });

  it("refuses very long cells and control characters without echoing them", () => {
    const long = "A".repeat(5_000);
    const found = refusal([main({ nome_punto: long, note_sede: "ok\u0000\u001b[31m" })]);
    expect(found).toEqual([
      "riga 2, colonna nome_punto: il testo è troppo lungo (5000 caratteri, al massimo 200)",
      "riga 2, colonna note_sede: il testo contiene caratteri di controllo non ammessi",
    ]);
    expect(refusal([main({ servizi: `facilitazione=60:${"x".repeat(250)}` })])[0]?.length).toBeLessThan(200);
    const huge = "B".repeat(25_000);
    expect(problems(parsePointsCsv(csv([main({ descrizione: huge })])))).toEqual([
      "riga 2: la riga è troppo lunga (oltre 20.000 caratteri)",
    ]);
  });

  it("refuses broken quoting, empty files, headers without rows and random bytes, without throwing", () => {
    expect(problems(parsePointsCsv(`${COLUMN_NAMES.join(";")}\nTO-1;"Comune di Torino;x\n`))).toEqual([
      expect.stringMatching(/^riga \d: virgolette aperte e mai chiuse/),
    ]);
    expect(problems(parsePointsCsv(""))).toEqual(["il file è vuoto"]);
    expect(problems(parsePointsCsv("\uFEFF\r\n;;;\r\n"))).toEqual(["il file è vuoto"]);
    expect(problems(parsePointsCsv(`${COLUMN_NAMES.join(";")}\r\n`))).toEqual([
      "il file ha solo l'intestazione: nessun punto da importare",
    ]);
    let seed = 42;
    const random = Uint8Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    });
    const result = parsePointsCsv(random);
    expect(result.ok).toBe(false);
  });
});
