import type { Comune } from "./comune.js";

/** A comune for tests; only what a test cares about needs to be given. */
export function fakeComune(fields: Partial<Comune> & Pick<Comune, "name">): Comune {
  return {
    istat: "000000",
    province: "TO",
    lat: 45,
    lon: 7.5,
    caps: [],
    population: 1000,
    altNames: [],
    approximate: false,
    ...fields,
  };
}
