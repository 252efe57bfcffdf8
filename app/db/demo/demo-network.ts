/**
 * The demo network seeded into an empty database: a made-up organisation running points at real
 * places in and around Torino. Points, sites, services and hours are written as a points CSV and
 * go through the same parser and writer as `npm run points:import`; the rest (holidays, a closure,
 * facilitators, the bus route and a course) is below. Every id is fixed so the seed is idempotent.
 */
import type { FacilitatorRole } from "../../../core/facilitators/roles.js";
import type { IsoWeekday, LocalTime } from "../../../core/points/types.js";

/** `00000000-0000-4000-8000-<12 hex digits>`: valid v4-shaped uuids, easy to spot as demo. */
export const demoId = (hex: string) => `00000000-0000-4000-8000-${hex.padStart(12, "0")}`;

export const DEMO_ORGANISATION_ID = demoId("d001");
export const DEMO_ORGANISATION_NAME = "Rete di prova Torino (DATI DEMO)";

export const DEMO_POINT_CODES = {
  calvino: "DEMO-TO-BIB-01",
  marchesa: "DEMO-TO-BIB-02",
  amoretti: "DEMO-TO-BIB-03",
  sanSalvario: "DEMO-TO-ANZ-01",
  moncalieri: "DEMO-MON-APS-01",
  bus: "DEMO-TO-BUS-01",
} as const;

const POINT_IDS: Record<string, string> = {
  [DEMO_POINT_CODES.calvino]: demoId("d101"),
  [DEMO_POINT_CODES.marchesa]: demoId("d102"),
  [DEMO_POINT_CODES.amoretti]: demoId("d103"),
  [DEMO_POINT_CODES.sanSalvario]: demoId("d104"),
  [DEMO_POINT_CODES.moncalieri]: demoId("d105"),
  [DEMO_POINT_CODES.bus]: demoId("d106"),
};

export const DEMO_BUS_ID = demoId("d106");
export const DEMO_COURSE_POINT_ID = demoId("d101");

export const DEMO_SITE_NAMES = {
  calvino: "Biblioteca civica Italo Calvino",
  busDepot: "Biblioteca civica centrale (rimessa del Bibliobus)",
  collegno: "Collegno, piazza del Municipio",
  grugliasco: "Grugliasco, piazza Matteotti",
  portaPalazzo: "Torino, Porta Palazzo",
} as const;

const SITE_IDS: Record<string, string> = {
  [`${DEMO_POINT_CODES.calvino}|${DEMO_SITE_NAMES.calvino}`]: demoId("d201"),
  [`${DEMO_POINT_CODES.marchesa}|Biblioteca civica Cascina Marchesa`]: demoId("d202"),
  [`${DEMO_POINT_CODES.amoretti}|Biblioteca civica Villa Amoretti`]: demoId("d203"),
  [`${DEMO_POINT_CODES.sanSalvario}|Centro d'incontro San Salvario`]: demoId("d204"),
  [`${DEMO_POINT_CODES.moncalieri}|Sede dell'associazione`]: demoId("d205"),
  [`${DEMO_POINT_CODES.moncalieri}|Biblioteca civica Antonio Arduino`]: demoId("d206"),
  [`${DEMO_POINT_CODES.bus}|${DEMO_SITE_NAMES.busDepot}`]: demoId("d207"),
  [`${DEMO_POINT_CODES.bus}|${DEMO_SITE_NAMES.collegno}`]: demoId("d208"),
  [`${DEMO_POINT_CODES.bus}|${DEMO_SITE_NAMES.grugliasco}`]: demoId("d209"),
  [`${DEMO_POINT_CODES.bus}|${DEMO_SITE_NAMES.portaPalazzo}`]: demoId("d20a"),
};

/** Fixed ids for the writer: every demo point and site has one. */
export const demoIds = {
  point: (code: string) => POINT_IDS[code],
  site: (code: string, siteName: string) => SITE_IDS[`${code}|${siteName}`],
};

const O = DEMO_ORGANISATION_NAME;
const FAC_FULL = "facilitazione=60:presenza+telefono+video; accoglienza=30:presenza; corso=120:presenza";

/**
 * The demo points in the format of docs/points-csv.md (";" as Italian Excel writes it). Addresses
 * are real places; contacts are fake (example.org, 011 000 …).
 */
export const DEMO_POINTS_CSV = [
  "codice_punto;ente;nome_punto;tipo;sede_principale;nome_sede;indirizzo;civico;cap;comune;provincia;codice_istat;lat;lon;note_sede;postazioni;postazioni_prenotabili;servizi;telefono;email;sito;descrizione;LUN_1;LUN_2;MAR_1;MAR_2;MER_1;MER_2;GIO_1;GIO_2;VEN_1;VEN_2;SAB_1;SAB_2;DOM_1;DOM_2",
  `DEMO-TO-BIB-01;${O};Biblioteca civica Italo Calvino;fisso;si;Biblioteca civica Italo Calvino;Lungo Dora Agrigento;94;10152;Torino;TO;001272;45.07860;7.68930;Sala multimediale al piano terra;4;3;"${FAC_FULL}";011 000 0101;calvino.demo@example.org;https://demo.example.org/calvino;Dati dimostrativi. SPID, CIE, app IO, fascicolo sanitario, pagoPA.;;14:00-19:00;09:30-13:00;14:00-19:00;09:30-13:00;14:00-19:00;09:30-13:00;14:00-19:00;09:30-13:00;14:00-19:00;09:30-13:00;;;`,
  `DEMO-TO-BIB-02;${O};Biblioteca civica Cascina Marchesa;fisso;si;Biblioteca civica Cascina Marchesa;Corso Vercelli;141/7;10155;Torino;TO;001272;45.09900;7.70000;;3;2;"facilitazione=60:presenza+telefono; accoglienza=30:presenza";011 000 0102;marchesa.demo@example.org;;Dati dimostrativi.;;14:00-18:30;09:00-12:30;14:00-18:30;;14:00-18:30;09:00-12:30;14:00-18:30;;14:00-18:30;;;;`,
  `DEMO-TO-BIB-03;${O};Biblioteca civica Villa Amoretti;fisso;si;Biblioteca civica Villa Amoretti;Corso Orbassano;200;10137;Torino;TO;001272;45.04370;7.63580;Nel parco Rignon;2;1;"facilitazione=45:presenza+video; accoglienza=30:presenza";011 000 0103;amoretti.demo@example.org;;Dati dimostrativi.;09:00-13:00;;09:00-13:00;;09:00-13:00;14:00-18:00;09:00-13:00;;09:00-13:00;;;;;`,
  `DEMO-TO-ANZ-01;${O};Centro d'incontro anziani San Salvario;fisso;si;Centro d'incontro San Salvario;Via Oddino Morgari;14;10125;Torino;TO;001272;45.05660;7.68010;Ingresso dal cortile, senza barriere;2;2;"facilitazione=60:presenza+telefono; accoglienza=30:presenza+telefono";011 000 0104;sansalvario.demo@example.org;;Dati dimostrativi. Pensato per le persone anziane: si può prenotare anche per telefono.;09:00-13:00;;09:00-13:00;14:30-17:00;09:00-13:00;;09:00-13:00;14:30-17:00;09:00-13:00;;;;;`,
  `DEMO-MON-APS-01;${O};Punto digitale Borgo Navile;fisso;si;Sede dell'associazione;Corso Roma;45;10024;Moncalieri;TO;001156;45.00450;7.68400;;3;2;"facilitazione=45:presenza+telefono; accoglienza=30:presenza";011 000 0105;borgonavile.demo@example.org;;Dati dimostrativi. Associazione di volontariato con il Servizio Civile Digitale.;;15:00-19:00;;15:00-19:00;;15:00-19:00;;15:00-19:00;;15:00-19:00;09:00-13:00;;;`,
  `DEMO-MON-APS-01;;;;no;Biblioteca civica Antonio Arduino;Via Cavour;31;10024;Moncalieri;TO;;44.99930;7.68290;Il sabato mattina in sala ragazzi;;;;;;;;;;;;;;;;;;;;;`,
  `DEMO-TO-BUS-01;${O};Bibliobus digitale;itinerante;si;${DEMO_SITE_NAMES.busDepot};Via della Cittadella;5;10122;Torino;TO;001272;45.07220;7.67020;Rimessa, non aperta al pubblico;2;2;"facilitazione=30:presenza; accoglienza=15:presenza";011 000 0106;bibliobus.demo@example.org;;Dati dimostrativi. Un furgone attrezzato con due postazioni che fa tappa nei quartieri e nei comuni vicini.;;;;;;;;;;;;;;`,
  `DEMO-TO-BUS-01;;;;no;${DEMO_SITE_NAMES.collegno};Piazza del Municipio;1;10093;Collegno;TO;;45.07770;7.57250;Davanti al municipio;;;;;;;;;;;;;;;;;;;;;`,
  `DEMO-TO-BUS-01;;;;no;${DEMO_SITE_NAMES.grugliasco};Piazza Giacomo Matteotti;;10095;Grugliasco;TO;;45.06600;7.57770;;;;;;;;;;;;;;;;;;;;;;`,
  `DEMO-TO-BUS-01;;;;no;${DEMO_SITE_NAMES.portaPalazzo};Piazza della Repubblica;;10122;Torino;TO;;45.07700;7.68400;Lato mercato coperto;;;;;;;;;;;;;;;;;;;;;`,
].join("\r\n");

/** The bus's weekly route: its dated visits are published ahead from it (see refreshDemoSchedule). */
export const DEMO_BUS_ROUTE: ReadonlyArray<{ weekday: IsoWeekday; site: string; opens: LocalTime; closes: LocalTime }> =
  [
    { weekday: 2, site: DEMO_SITE_NAMES.collegno, opens: "09:00", closes: "12:30" },
    { weekday: 3, site: DEMO_SITE_NAMES.grugliasco, opens: "14:30", closes: "17:30" },
    { weekday: 5, site: DEMO_SITE_NAMES.portaPalazzo, opens: "09:00", closes: "12:30" },
  ];

/** How far ahead the bus's visits are published. */
export const DEMO_VISIT_WEEKS = 8;

/** Torino's patron saint: a local holiday of the points in Torino. */
export const SAN_GIOVANNI = { month: 6, day: 24, name: "San Giovanni, patrono di Torino" } as const;
export const TORINO_ISTAT = "001272";

/** One closure: the summer break of Villa Amoretti (dates of the next August still to come). */
export const DEMO_CLOSURE = {
  pointCode: DEMO_POINT_CODES.amoretti,
  from: { month: 8, day: 10 },
  to: { month: 8, day: 21 },
  reason: "Chiusura estiva",
} as const;

export const DEMO_FACILITATORS: ReadonlyArray<{
  id: string;
  displayName: string;
  email: string;
  points: ReadonlyArray<{ code: string; role: FacilitatorRole }>;
}> = [
  {
    id: demoId("d301"),
    displayName: "Giulia Ferrero (demo)",
    email: "giulia.ferrero.demo@example.org",
    points: [
      { code: DEMO_POINT_CODES.calvino, role: "team_lead" },
      { code: DEMO_POINT_CODES.marchesa, role: "team_lead" },
    ],
  },
  {
    id: demoId("d302"),
    displayName: "Marco Bianchi (demo)",
    email: "marco.bianchi.demo@example.org",
    points: [
      { code: DEMO_POINT_CODES.amoretti, role: "facilitator" },
      { code: DEMO_POINT_CODES.sanSalvario, role: "facilitator" },
      { code: DEMO_POINT_CODES.bus, role: "facilitator" },
    ],
  },
  {
    id: demoId("d303"),
    displayName: "Sara Colombo (demo, Servizio Civile Digitale)",
    email: "sara.colombo.demo@example.org",
    points: [
      { code: DEMO_POINT_CODES.calvino, role: "scd_volunteer" },
      { code: DEMO_POINT_CODES.moncalieri, role: "scd_volunteer" },
    ],
  },
];

/** The group micro-course kept in the future: Wednesdays, 15:00-17:00, at the Calvino library. */
export const DEMO_COURSE = {
  title: "Primi passi con SPID e CIE",
  topic: "Attivare SPID, usare la Carta d'identità elettronica e l'app IO",
  /** DigComp 2.6, managing digital identity: area B on the monitoring platform. */
  digcompArea: "B",
  seats: 8,
  weekday: 3 as IsoWeekday,
  starts: "15:00" as LocalTime,
  ends: "17:00" as LocalTime,
  /** At least this many days after "now", so that people can still enrol. */
  minDaysAhead: 2,
} as const;

/** A course session's id from its date: one session per date, found again on every refresh. */
export function demoCourseId(date: string): string {
  return demoId(`d4${date.replace(/-/g, "")}`);
}
