/** The comuni the import checks places against: the bundled national dataset by default. */

import type { Comune } from "../../geo/comune.js";
import { comuneByIstat, findComuniByCap, searchComuni } from "../../geo/comune-index.js";

export interface ComuneDirectory {
  /** Matches of a typed name; "exact" ignores case, accents and apostrophes. */
  searchByName(
    name: string,
    options: { province?: string; limit?: number },
  ): ReadonlyArray<{ comune: Comune; reason: "exact" | "prefix" | "fuzzy" }>;
  byIstat(istat: string): Comune | undefined;
  findByCap(cap: string): readonly Comune[];
}

export const italianComuni: ComuneDirectory = {
  searchByName: (name, options) => searchComuni(name, options),
  byIstat: (istat) => comuneByIstat(istat),
  findByCap: (cap) => findComuniByCap(cap),
};
