/**
 * Why a service record cannot go into the platform's file, and what the coordinator can do about
 * it: plain Italian for the refusal report, an English code for logs and counts. Never the
 * citizen's identifiers.
 */
import { italianDate } from "../format.js";
import type { FacilitaColumn } from "./columns.js";

export type RefusalReason =
  | "erased"
  | "no_profile"
  | "no_identity"
  | "document_only"
  | "invalid_fiscal_code"
  | "invalid_document_number"
  | "minor"
  | "missing_answer"
  | "invalid_answer"
  | "point_without_platform_id"
  | "facilitator_without_platform_id"
  | "invalid_platform_id"
  | "missing_name"
  | "invalid_date"
  | "date_outside_project"
  | "invalid_duration"
  | "missing_service_type"
  | "missing_competences"
  | "duplicate";

export interface Refusal {
  reason: RefusalReason;
  /** The column concerned, when there is one. */
  column?: FacilitaColumn;
  /** What is wrong, one sentence. */
  problem: string;
  /** What to do about it, one sentence. */
  action: string;
}

/** Words for a column in the refusal report. */
export const COLUMN_WORDS: Partial<Record<FacilitaColumn, string>> = {
  AN3: "il codice fiscale",
  AN5: "il tipo di documento",
  AN6: "il numero del documento",
  AN7: "il genere",
  AN8: "la fascia d'età",
  AN9: "il titolo di studio",
  AN10: "la condizione lavorativa",
  AN11: "la cittadinanza",
  AN12: "la provincia di residenza",
  PR1: "se è la prima volta",
  PR2: "i servizi già usati",
  SE3: "il tipo di servizio",
  SE4: "l'area di competenza",
  SE5: "le competenze trattate",
  SE6: "i servizi pubblici trattati",
  ES1: "come ha saputo del servizio",
  ES2: "il motivo della visita",
  ES3: "se tornerebbe",
  ES5: "come risolve i problemi digitali",
  ES6: "la valutazione",
};

const words = (column: FacilitaColumn) => COLUMN_WORDS[column] ?? column;

export const refusals = {
  erased: (): Refusal => ({
    reason: "erased",
    problem: "La persona ha chiesto di cancellare i suoi dati.",
    action: "Nulla da fare: il servizio resta solo nei conteggi di Sportello, senza dati personali.",
  }),
  noProfile: (): Refusal => ({
    reason: "no_profile",
    problem: "La persona non ha compilato i dati per il monitoraggio.",
    action:
      "Completa il profilo in chat quando chiudi la sessione, o chiedilo alla prossima visita; poi esporta di nuovo.",
  }),
  noIdentity: (): Refusal => ({
    reason: "no_identity",
    column: "AN3",
    problem: "Mancano sia il codice fiscale sia un documento d'identità.",
    action: "Chiedi alla persona il codice fiscale (o tipo e numero di un documento) e completa il profilo.",
  }),
  documentOnly: (): Refusal => ({
    reason: "document_only",
    column: "AN3",
    problem:
      "La persona ha solo un documento, senza codice fiscale: il caricamento da file della piattaforma vuole sempre il codice fiscale.",
    action: "Registra questo servizio a mano sulla piattaforma, scegliendo «codice fiscale non disponibile».",
  }),
  invalidFiscalCode: (why: string): Refusal => ({
    reason: "invalid_fiscal_code",
    column: "AN3",
    problem: `Il codice fiscale salvato non è valido: ${why}.`,
    action: "Ricontrolla il codice sulla tessera sanitaria con la persona e correggilo nel profilo.",
  }),
  invalidDocumentNumber: (): Refusal => ({
    reason: "invalid_document_number",
    column: "AN6",
    problem: "Il numero del documento salvato non è valido.",
    action: "Ricontrolla il numero sul documento con la persona e correggilo nel profilo.",
  }),
  minor: (column: "AN3" | "AN8" = "AN3"): Refusal => ({
    reason: "minor",
    column,
    problem: "Alla data del servizio la persona non aveva 18 anni: la piattaforma registra solo maggiorenni.",
    action: "Non va caricato: il servizio resta nei conteggi di Sportello.",
  }),
  missingAnswer: (column: FacilitaColumn): Refusal => ({
    reason: "missing_answer",
    column,
    problem: `Manca ${words(column)} (${column}), che la piattaforma chiede sempre.`,
    action: "Chiedilo alla persona e completa il profilo; poi esporta di nuovo.",
  }),
  invalidAnswer: (column: FacilitaColumn): Refusal => ({
    reason: "invalid_answer",
    column,
    problem: `${capital(words(column))} (${column}) ha un valore che la piattaforma non accetta.`,
    action: "Correggi la risposta nel profilo o nel servizio; poi esporta di nuovo.",
  }),
  pointWithoutPlatformId: (pointName: string): Refusal => ({
    reason: "point_without_platform_id",
    column: "IDSede",
    problem: `Il punto «${pointName}» non ha il suo codice della piattaforma (ID sede).`,
    action: "Cerca l'ID della sede sulla piattaforma di monitoraggio e inseriscilo nei dati del punto.",
  }),
  facilitatorWithoutPlatformId: (name: string): Refusal => ({
    reason: "facilitator_without_platform_id",
    column: "IDFacilitatore",
    problem: `Il facilitatore «${name}» non ha il suo codice della piattaforma (ID facilitatore).`,
    action: "Cerca l'ID del facilitatore sulla piattaforma di monitoraggio e inseriscilo nei suoi dati.",
  }),
  invalidPlatformId: (column: "IDSede" | "IDFacilitatore"): Refusal => ({
    reason: "invalid_platform_id",
    column,
    problem: `${column === "IDSede" ? "L'ID della sede" : "L'ID del facilitatore"} non è un numero.`,
    action: "Copia l'ID esatto dalla piattaforma di monitoraggio: sono solo cifre.",
  }),
  missingName: (column: "NominativoSede" | "NominativoFacilitatore"): Refusal => ({
    reason: "missing_name",
    column,
    problem: `Manca il nome ${column === "NominativoSede" ? "del punto" : "del facilitatore"}.`,
    action: "Inserisci il nome com'è scritto sulla piattaforma di monitoraggio.",
  }),
  invalidDate: (): Refusal => ({
    reason: "invalid_date",
    column: "SE1",
    problem: "La data del servizio non è una data valida.",
    action: "Correggi la data del servizio.",
  }),
  dateOutsideProject: (date: string, start: string, end: string): Refusal => ({
    reason: "date_outside_project",
    column: "SE1",
    problem: `Il servizio è del ${italianDate(date)}, fuori dalle date del progetto (dal ${italianDate(start)} al ${italianDate(end)}).`,
    action: "Controlla la data: se è giusta, questo servizio non si può caricare su questo progetto.",
  }),
  invalidDuration: (): Refusal => ({
    reason: "invalid_duration",
    column: "SE2",
    problem: "La durata del servizio non è valida: deve essere tra 1 minuto e 99 ore e 59 minuti.",
    action: "Correggi la durata del servizio.",
  }),
  missingServiceType: (): Refusal => ({
    reason: "missing_service_type",
    column: "SE3",
    problem: "Manca il tipo di servizio (per esempio facilitazione individuale).",
    action: "Indica il tipo di servizio nella registrazione.",
  }),
  missingCompetences: (): Refusal => ({
    reason: "missing_competences",
    column: "SE5",
    problem: "Mancano le competenze trattate nel servizio.",
    action: "Indica almeno una competenza trattata (per esempio SPID o videochiamate).",
  }),
  duplicate: (): Refusal => ({
    reason: "duplicate",
    problem:
      "Questa persona ha già, nel file, un servizio dello stesso tipo nello stesso punto e nello stesso giorno: la piattaforma non registra due volte la stessa persona per lo stesso servizio.",
    action: "Unisci i due servizi in uno (sommando la durata), oppure registra il secondo a mano sulla piattaforma.",
  }),
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
