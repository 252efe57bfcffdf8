/**
 * The compact notation of the `servizi` column:
 *
 *   facilitazione=60:presenza+telefono+video; accoglienza=30:presenza
 *
 * Items are separated by ";" (or "," or "|"); each is service=minutes:modes, modes joined by "+".
 */
import type { PointServiceInfo } from "../../ports.js";
import type { ServiceKind, ServiceMode } from "../types.js";
import { shown } from "./notes.js";

export const SERVICE_ORDER: readonly ServiceKind[] = ["facilitazione", "accoglienza", "corso"];
export const MODE_ORDER: readonly ServiceMode[] = ["in_presenza", "telefono", "videochiamata", "chat"];

/** Words accepted for each mode; the first is the one written back. */
export const MODE_WORDS: Readonly<Record<ServiceMode, readonly string[]>> = {
  in_presenza: ["presenza", "in_presenza"],
  telefono: ["telefono"],
  videochiamata: ["video", "videochiamata"],
  chat: ["chat"],
};

const MODE_BY_WORD = new Map<string, ServiceMode>(
  (Object.entries(MODE_WORDS) as Array<[ServiceMode, readonly string[]]>).flatMap(([mode, words]) =>
    words.map((word) => [word, mode] as const),
  ),
);

export const SLOT_MINUTES = { min: 15, max: 480, step: 15 } as const;

const ITEM = /^([^=:]*)=\s*([^:]*):(.*)$/;

export type ServicesResult = { ok: true; services: PointServiceInfo[] } | { ok: false; messages: string[] };

/** Parses the notation; every problem is reported, in Italian. Services come back in a fixed order. */
export function parseServices(text: string): ServicesResult {
  const messages: string[] = [];
  const found = new Map<ServiceKind, PointServiceInfo>();
  const items = text
    .split(/[;,|]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
  for (const item of items) {
    const match = ITEM.exec(item);
    if (!match) {
      messages.push(
        `la voce «${shown(item)}» non segue lo schema servizio=minuti:modalità (per esempio facilitazione=60:presenza+telefono)`,
      );
      continue;
    }
    const kindWord = (match[1] ?? "").trim().toLowerCase();
    const minutesText = (match[2] ?? "").trim();
    const modesText = (match[3] ?? "").trim();
    const kind = SERVICE_ORDER.find((k) => k === kindWord);
    if (!kind) {
      messages.push(`servizio «${shown(kindWord)}» sconosciuto: usa facilitazione, accoglienza o corso`);
      continue;
    }
    if (found.has(kind)) {
      messages.push(`il servizio ${kind} è indicato due volte`);
      continue;
    }
    const minutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : Number.NaN;
    if (
      !Number.isInteger(minutes) ||
      minutes < SLOT_MINUTES.min ||
      minutes > SLOT_MINUTES.max ||
      minutes % SLOT_MINUTES.step !== 0
    ) {
      messages.push(
        `durata «${shown(minutesText)}» di ${kind} non valida: servono minuti a multipli di 15, da 15 a 480 (per esempio 60)`,
      );
      continue;
    }
    const modes = new Set<ServiceMode>();
    let badMode = false;
    for (const word of modesText.split("+").map((w) => w.trim().toLowerCase())) {
      const mode = MODE_BY_WORD.get(word);
      if (mode) {
        modes.add(mode);
      } else {
        badMode = true;
        messages.push(
          word === ""
            ? `mancano le modalità di ${kind} (presenza, telefono, video, chat, unite da +)`
            : `modalità «${shown(word)}» di ${kind} sconosciuta: usa presenza, telefono, video o chat, unite da +`,
        );
      }
    }
    if (badMode) continue;
    found.set(kind, { kind, slotMinutes: minutes, modes: MODE_ORDER.filter((m) => modes.has(m)) });
  }
  if (messages.length === 0 && !found.has("facilitazione")) {
    messages.push(
      items.length === 0
        ? "nessun servizio indicato: serve almeno facilitazione (per esempio facilitazione=60:presenza)"
        : "manca facilitazione, il servizio che ogni punto deve offrire",
    );
  }
  if (messages.length > 0) return { ok: false, messages };
  return { ok: true, services: SERVICE_ORDER.flatMap((k) => (found.has(k) ? [found.get(k) as PointServiceInfo] : [])) };
}

/** The notation for a list of services, in the fixed order: parsing it gives the same list back. */
export function formatServices(services: readonly PointServiceInfo[]): string {
  return [...services]
    .sort((a, b) => SERVICE_ORDER.indexOf(a.kind) - SERVICE_ORDER.indexOf(b.kind))
    .map(
      (s) =>
        `${s.kind}=${s.slotMinutes}:${[...s.modes]
          .sort((a, b) => MODE_ORDER.indexOf(a) - MODE_ORDER.indexOf(b))
          .map((m) => MODE_WORDS[m][0])
          .join("+")}`,
    )
    .join("; ");
}
