/** A point of the CSV after every check: what the writer stores. */
import type { PointContacts, PointServiceInfo } from "../../ports.js";
import type { Address, Coordinates, OpeningWindow, PointKind } from "../types.js";

export interface ImportedSite {
  /** Line of the file the site comes from. */
  line: number;
  isMain: boolean;
  name: string;
  /** Comune, province and ISTAT code are the official ones of the dataset. */
  address: Address;
  coordinates: Coordinates;
  /** True when lat/lon were missing and the comune's reference point was used. */
  coordinatesFromComune: boolean;
  notes: string | null;
}

export interface ImportedPoint {
  /** Line of the main-site row. */
  line: number;
  /** Stable key, upper case. */
  code: string;
  organisationName: string;
  name: string;
  kind: PointKind;
  description: string | null;
  workstations: number;
  bookableWorkstations: number;
  /** In the fixed order facilitazione, accoglienza, corso; facilitazione always present. */
  services: PointServiceInfo[];
  contacts: PointContacts;
  monitoringId: number | null;
  active: boolean;
  /** Sorted by weekday and shift; empty for itinerant points. */
  weekly: OpeningWindow[];
  /** The main site first, then the others in file order. */
  sites: ImportedSite[];
}
