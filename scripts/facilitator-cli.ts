/**
 * The facilitators' admin commands:
 *   npm run facilitator:invite -- --point <id or code> --name "Nome Cognome" [--role facilitatore|capo_team|volontario_scd]
 *   npm run facilitator:list [-- --json]
 *   npm run facilitator:revoke -- <facilitator id>
 * The invite prints a one-time code (valid 7 days) and the Telegram link that uses it.
 */
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import type { Db } from "../app/db/prisma-client.js";
import { systemClock } from "../core/clock.js";
import { INVITE_VALID_DAYS, inviteFacilitator, revokeFacilitator } from "../core/facilitators/invite.js";
import { displayCode, inviteDeepLink } from "../core/facilitators/invite-code.js";
import type { FacilitatorRole } from "../core/facilitators/roles.js";
import { renderTable } from "../core/points/import/text-table.js";
import { type CliOutput, findPoint, withCliDatabase } from "./cli-support.js";

export const ROLE_WORDS: Record<string, FacilitatorRole> = {
  facilitatore: "facilitator",
  capo_team: "team_lead",
  volontario_scd: "scd_volunteer",
};
const ROLE_NAMES: Record<FacilitatorRole, string> = {
  facilitator: "facilitatore",
  team_lead: "capo_team",
  scd_volunteer: "volontario_scd",
};

const INVITE_USAGE = `Uso: npm run facilitator:invite -- --point <id o codice> --name "Nome Cognome" [--role facilitatore|capo_team|volontario_scd]

Crea un codice di collegamento monouso (valido ${INVITE_VALID_DAYS} giorni) per un facilitatore del punto.
`;
const LIST_USAGE = `Uso: npm run facilitator:list [-- --json]

Elenca i facilitatori, i loro punti, le chat collegate e i codici ancora validi.
`;
const REVOKE_USAGE = `Uso: npm run facilitator:revoke -- <id del facilitatore>

Toglie l'accesso: le sue chat non sono più collegate e i suoi codici non valgono più.
`;

function core(db: Db, settings: Config) {
  return createCoreDeps(db, {
    clock: systemClock,
    timeZone: settings.timeZone,
    policy: settings.booking,
    messaging: settings.messaging,
  });
}

export async function runFacilitatorInvite(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  let values: { point?: string; name?: string; role?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        point: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${INVITE_USAGE}`);
    return 2;
  }
  if (values.help) {
    output.out(INVITE_USAGE);
    return 0;
  }
  const role = ROLE_WORDS[values.role ?? "facilitatore"];
  if (!values.point || !values.name?.trim() || !role) {
    output.err(`${!role ? `Ruolo sconosciuto: ${values.role}\n\n` : ""}${INVITE_USAGE}`);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database", async (db) => {
    const point = await findPoint(db, values.point ?? "");
    if (!point) {
      output.err(`Punto non trovato: ${values.point}\n`);
      return 1;
    }
    const { facilitator, code, expiresAt } = await inviteFacilitator(core(db, settings), {
      pointId: point.id,
      displayName: values.name ?? "",
      role,
    });
    const bot = settings.telegram.botUsername;
    output.out(
      [
        `Facilitatore: ${facilitator.displayName} (${facilitator.id}), ${ROLE_NAMES[role]} a ${point.name} (${point.code})`,
        `Codice: ${displayCode(code)}  (una sola volta, valido fino al ${expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
        `Link Telegram: ${bot ? inviteDeepLink(bot, code) : `https://t.me/<bot>?start=f_${code}  (imposta TELEGRAM_BOT_USERNAME)`}`,
        "Oppure il facilitatore scrive il codice al bot.",
        "",
      ].join("\n"),
    );
    return 0;
  });
}

export async function runFacilitatorList(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
  now: () => Date = () => new Date(),
): Promise<number> {
  if (args.includes("--help")) {
    output.out(LIST_USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length > 0) {
    output.err(`Argomento sconosciuto: ${unknown.join(" ")}\n\n${LIST_USAGE}`);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database", async (db) => {
    const list = await core(db, settings).repos.facilitators.list(now());
    const points = new Map(
      (await db.point.findMany({ select: { id: true, code: true } })).map((p) => [p.id, p.code] as const),
    );
    const rows = list.map((f) => ({
      id: f.id,
      name: f.displayName,
      active: f.active,
      points: f.points.map((p) => ({ point: points.get(p.pointId) ?? p.pointId, role: ROLE_NAMES[p.role] })),
      chats: f.chats,
      openInvites: f.openInvites,
    }));
    if (args.includes("--json")) {
      output.out(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      output.out("Nessun facilitatore.\n");
      return 0;
    }
    output.out(
      `${renderTable(
        [
          { title: "id" },
          { title: "nome", maxWidth: 40 },
          { title: "punti e ruoli", maxWidth: 60 },
          { title: "chat" },
          { title: "codici validi" },
          { title: "stato" },
        ],
        rows.map((r) => [
          r.id,
          r.name,
          r.points.map((p) => `${p.point} ${p.role}`).join(", "),
          String(r.chats),
          String(r.openInvites),
          r.active ? "attivo" : "revocato",
        ]),
      )}\n`,
    );
    return 0;
  });
}

export async function runFacilitatorRevoke(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  if (args.includes("--help")) {
    output.out(REVOKE_USAGE);
    return 0;
  }
  const [id, ...rest] = args;
  if (!id || rest.length > 0) {
    output.err(REVOKE_USAGE);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database", async (db) => {
    if (!(await revokeFacilitator(core(db, settings), id))) {
      output.err(`Facilitatore non trovato: ${id}\n`);
      return 1;
    }
    output.out(`Accesso revocato: ${id}. Le sue chat non sono più collegate e i suoi codici non valgono più.\n`);
    return 0;
  });
}
