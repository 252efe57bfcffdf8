/**
 * Loads the generated data files next to this module (built by `npx tsx scripts/build-comuni.ts`).
 * Each file is read and decoded once, on first use.
 */
import { readFileSync } from "node:fs";
import type { Comune } from "./comune.js";
import { decodeComuni, decodePlaces, type Places } from "./dataset-format.js";

let comuni: readonly Comune[] | undefined;
let places: Places | undefined;

const readJson = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), "utf8"));

/** All Italian comuni, sorted by name. */
export function loadComuni(): readonly Comune[] {
  comuni ??= decodeComuni(readJson("comuni.json"));
  return comuni;
}

/** Italian frazioni and foreign towns near the border, used to tell where a location is. */
export function loadPlaces(): Places {
  places ??= decodePlaces(readJson("places.json"));
  return places;
}
