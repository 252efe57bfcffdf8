/**
 * What monitoring needs from configuration (app/config.ts builds it): the keys that protect
 * identifiers, the project's dates, and the export's rules.
 */
import type { LocalDate } from "../points/types.js";
import type { KeyRing } from "./identifier-crypto.js";

export interface IdentifierProtection {
  /** AES-256-GCM keys for the codice fiscale and document numbers (rotation: several ids). */
  ring: KeyRing;
  /** HMAC key of the person key (at least 32 bytes; never rotated: a new one means recomputing every hash). */
  hashKey: Buffer;
}

export interface MonitoringSettings {
  protection: IdentifierProtection;
  /** Services outside these dates are refused by the platform, and so by the export. */
  project: { start: LocalDate; end: LocalDate };
  /** AN1 and AN2: mandatory, checked only for being non-empty by the platform. */
  an1: string;
  an2: string;
  /** The programme takes 14-17-year-olds (AN8 band E). */
  minorsEnabled: boolean;
  /** Write document-only citizens (AN3 empty) instead of refusing them. */
  exportDocumentOnly: boolean;
}
