import { IANAZone } from "luxon";
import { validationError } from "./validation-error.js";

/** The network's zone. Pass it (or another IANA zone) to every time function; none assumes it. */
export const DEFAULT_TIME_ZONE = "Europe/Rome";

const known = new Map<string, boolean>();

/** True for an IANA zone name the runtime knows (e.g. "Europe/Rome"). Cached: luxon's check is slow. */
export function isTimeZone(zone: string): boolean {
  let valid = known.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (known.size < 1_000) known.set(zone, valid);
  }
  return valid;
}

/** Throws a validation error unless `zone` is a known IANA zone. */
export function assertTimeZone(zone: string): void {
  if (!isTimeZone(zone)) {
    throw validationError("unknown IANA time zone", "Fuso orario non riconosciuto.", { zone });
  }
}
