import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { matchRoute } from "../../app/http/router.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Choice, Inbound, Reply } from "../../core/conversation/reply.js";
import { webClient } from "../integration/web/web-client.js";
import { engineChat, type TestEngine } from "./engine-chat.js";
import type { IntegrationContext } from "./integration.js";
import { startTelegram, telegramCitizen } from "./telegram-citizen.js";
import { startWhatsApp, whatsappCitizen } from "./whatsapp-citizen.js";

/** A file or a map card as the citizen received it, whatever the channel. */
export interface ReceivedFile {
  filename: string;
  content: string;
  caption: string;
  label?: string;
}
export interface ReceivedVenue {
  title: string;
  address: string;
  lat: number;
  lon: number;
}

/**
 * A citizen as a test script sees them, on any channel: what they do (start, say, press, share a
 * position) and what the last answer showed (its texts, buttons, files, map cards). The same
 * scenario runs through the engine alone and through a channel's own adapter.
 */
export interface Citizen {
  readonly channel: string;
  /** First contact; with a deep-link payload ("p_<pointId>") it opens that point. */
  start(payload?: string): Promise<void>;
  say(text: string): Promise<void>;
  /** Presses the current question's button with that label (a RegExp: the first that matches). */
  press(label: string | RegExp): Promise<void>;
  shareLocation(lat: number, lon: number): Promise<void>;
  /** All the text of the last answer. */
  text(): string;
  /** The separate messages of the last answer (texts and questions). */
  messages(): string[];
  /** The labels of the current question's buttons (without their numbers). */
  buttons(): string[];
  /** The current question's choices as the engine sent them (label and short form). */
  choices(): Choice[];
  files(): ReceivedFile[];
  venues(): ReceivedVenue[];
}

const questionOf = (replies: Reply[]) =>
  [...replies].reverse().find((r): r is Extract<Reply, { choices: Choice[] }> => "choices" in r);

/**
 * A citizen whose channel takes the engine's inbound messages and gives back its replies as they
 * are (the engine itself, the web chat's JSON API): what they saw is read from those replies.
 */
function repliesCitizen(channel: string, send: (inbound: Inbound) => Promise<Reply[]>): Citizen {
  let last: Reply[] = [];
  let question: Extract<Reply, { choices: Choice[] }> | undefined;
  const record = async (inbound: Inbound) => {
    last = await send(inbound);
    if (last.length > 0) question = questionOf(last);
  };
  return {
    channel,
    start: (payload) => record(payload ? { kind: "start", payload } : { kind: "start" }),
    say: (text) => record({ kind: "text", text }),
    press(label) {
      const found = question?.choices.find((c) =>
        typeof label === "string" ? c.label === label : label.test(c.label),
      );
      if (!found) throw new Error(`no button ${label} among: ${question?.choices.map((c) => c.label).join(" | ")}`);
      return record({ kind: "button", data: found.id });
    },
    shareLocation: (lat, lon) => record({ kind: "location", lat, lon }),
    text: () => last.map((r) => ("text" in r ? r.text : r.kind === "file" ? r.caption : "")).join("\n"),
    messages: () => last.flatMap((r) => ("text" in r ? [r.text] : [])),
    buttons: () => question?.choices.map((c) => c.label) ?? [],
    choices: () => question?.choices ?? [],
    files: () => last.flatMap((r) => (r.kind === "file" ? [r] : [])),
    venues: () => last.flatMap((r) => (r.kind === "venue" ? [r] : [])),
  };
}

/** The citizen talking to the engine directly (as every channel does underneath). */
export function engineCitizen(engine: ConversationEngine, deviceLanguage?: string): Citizen {
  const chat = engineChat(engine, deviceLanguage ? { deviceLanguage } : {});
  return repliesCitizen("engine", (inbound) => chat.send(inbound));
}

/** The web chat's HTTP API (bots/web) on a local server, over the given engine. */
export async function startWebChat(engine: TestEngine): Promise<{ url: string; close(): Promise<void> }> {
  const routes = engine.webRoutes();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const route = matchRoute(routes, req.method ?? "GET", url.pathname);
    if (!route) return void res.writeHead(404).end();
    void route.handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The citizen in a browser, seen from the web chat's HTTP API (cookie session, JSON replies). */
export function webCitizen(url: string, acceptLanguage?: string): Citizen {
  // as the page does when opened with ?start=: the deep link goes along until the session opens
  const options: { acceptLanguage?: string; deepLink?: string } = acceptLanguage ? { acceptLanguage } : {};
  const client = webClient(url, options);
  return repliesCitizen("web chat", async (inbound) => {
    if (inbound.kind === "start") {
      if (inbound.payload) options.deepLink = inbound.payload;
      else delete options.deepLink;
    }
    const body =
      inbound.kind === "start"
        ? { type: "start", ...(inbound.payload ? { payload: inbound.payload } : {}) }
        : inbound.kind === "text"
          ? { type: "text", text: inbound.text }
          : inbound.kind === "button"
            ? { type: "button", data: inbound.data }
            : inbound.kind === "location"
              ? { type: "location", lat: inbound.lat, lon: inbound.lon }
              : undefined;
    if (!body) throw new Error(`the web chat cannot send ${inbound.kind}`);
    const answer = await client.post(body);
    if (answer.status !== 200) throw new Error(`web chat answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.replies ?? [];
  });
}

export const CHANNELS = ["engine", "web chat"] as const;
/** With Telegram too: grammY against the local fake Bot API (slower: a poll per turn). */
export const ALL_CHANNELS = [...CHANNELS, "Telegram"] as const;
/** The three channels a citizen uses (WhatsApp: the real adapter on the fake Baileys socket). */
export const THREE_CHANNELS = ["Telegram", "WhatsApp", "web chat"] as const;
export type TestChannel = (typeof ALL_CHANNELS)[number] | "WhatsApp";

/**
 * Opens citizens on a channel, over an engine, and closes what they needed after each test:
 * `const open = useCitizens(afterEach)` then `await open("web chat", engine)`.
 */
export function useCitizens(afterEachHook: (fn: () => Promise<void>) => void, ctx?: IntegrationContext) {
  const closing: Array<() => Promise<void>> = [];
  afterEachHook(async () => {
    await Promise.all(closing.splice(0).map((close) => close()));
  });
  return async (channel: TestChannel, engine: TestEngine, deviceLanguage?: string): Promise<Citizen> => {
    if (channel === "engine") return engineCitizen(engine, deviceLanguage);
    if (channel === "WhatsApp") {
      if (!ctx) throw new Error("WhatsApp citizens need the integration context: useCitizens(afterEach, ctx)");
      const whatsapp = await startWhatsApp(ctx, engine);
      closing.push(whatsapp.stop);
      return whatsappCitizen(whatsapp);
    }
    if (channel === "Telegram") {
      const telegram = await startTelegram(engine);
      closing.push(telegram.stop);
      return telegramCitizen(telegram.fake, deviceLanguage ?? "it");
    }
    const web = await startWebChat(engine);
    closing.push(web.close);
    return webCitizen(web.url, deviceLanguage);
  };
}

/** Starts a conversation and answers the language and privacy questions. */
export async function onboard(
  citizen: Citizen,
  options: { language?: "Italiano" | "English"; accept?: boolean; point?: string } = {},
) {
  await citizen.start(options.point ? `p_${options.point}` : undefined);
  await citizen.press(options.language ?? "Italiano");
  if (options.accept === false) await citizen.press(options.language === "English" ? "I do not accept" : "Non accetto");
  else await citizen.press(options.language === "English" ? "I accept" : "Accetto");
}
