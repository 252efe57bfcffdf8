/** An Italian comune, as the offline dataset (`data/comuni.json`) describes it. */
export interface Comune {
  /** Official Italian name, e.g. "Bolzano", "Sant'Antonino di Susa". */
  name: string;
  /** ISTAT code, 6 digits, e.g. "001272". */
  istat: string;
  /** Province abbreviation (sigla), e.g. "TO". */
  province: string;
  /** Reference point (usually the seat of the comune), WGS84 degrees. */
  lat: number;
  lon: number;
  /** Postal codes (CAP) of the comune, 5 digits each. */
  caps: readonly string[];
  /** Legal population (2011 census). */
  population: number;
  /** Other names it is known by: the official name in the other language (e.g. "Bozen"), exonyms ("Turin"). */
  altNames: readonly string[];
  /**
   * True when no place of the comune itself had coordinates and the reference point was borrowed
   * (from a comune with the same CAP, or the province's capoluogo). False for every comune today.
   */
  approximate: boolean;
}

export interface LatLon {
  lat: number;
  lon: number;
}
