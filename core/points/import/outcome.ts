/** What an import did (or, on a dry run, would do): the writer fills it, the report prints it. */
import type { ImportNote } from "./notes.js";

export type PointStatus = "created" | "updated" | "unchanged";

/** What changed in an updated point, in the words of the report. */
export type PointChange =
  | "ente"
  | "nome"
  | "tipo"
  | "descrizione"
  | "postazioni"
  | "contatti"
  | "id_monitoraggio"
  | "attivo"
  | "demo"
  | "servizi"
  | "orari"
  | "sedi";

export interface PointOutcome {
  code: string;
  name: string;
  /** Line of the point's main-site row. */
  line: number;
  status: PointStatus;
  changes: PointChange[];
  /** Sites of the point after the import. */
  sites: number;
}

export interface SiteCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface ImportOutcome {
  dryRun: boolean;
  /** True when the changes are in the database: false on a dry run or when the import was refused. */
  written: boolean;
  /** In file order. */
  points: PointOutcome[];
  /** Organisations (enti) created, or that a dry run would create. */
  organisationsCreated: string[];
  sites: SiteCounts;
  /** Conflicts with what the database already holds; any of them means nothing was written. */
  problems: ImportNote[];
  warnings: ImportNote[];
}
