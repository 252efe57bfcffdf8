/**
 * Simulated citizens for the inbound benchmark: each one is a Telegram user of the fake Bot API
 * server who talks closed-loop (the next message only once the bot's answer to the previous one
 * arrived, after an optional think time) and walks a realistic conversation. For the echo bot
 * they just send texts.
 *
 * One turn is timed from the moment its update is queued on the fake server (available to the
 * bot's getUpdates) to the moment the fake server receives the bot's last reply call for it: the
 * question with a keyboard for Sportello (every answer of the engine ends with one), the echoed
 * message for the echo bot.
 */
import { performance } from "node:perf_hooks";
import type { Message, Update, User } from "grammy/types";
import type { FakeTelegram, RecordedCall } from "../../test/support/fake-telegram/index.js";
import type { BotKind } from "./protocol.js";
import { random } from "./stats.js";

/** One answered update. */
export interface Turn {
  /** performance.now() of the parent when the update was queued, and when its last reply arrived. */
  t0: number;
  t1: number;
  input: "command" | "text" | "button" | "location" | "sticker";
  /** What the citizen was doing (for the per-step latency table). */
  label: string;
  /** Bot API calls the bot made for it (answerCallbackQuery, sends, edits). */
  calls: number;
}

interface Button {
  label: string;
  /** callback_data of an inline button: `<question nonce>.<choice id>`. */
  data?: string;
  /** The engine's choice id (stable, unlike labels): "find", "menu", "d2026-12-01", a point's uuid… */
  id: string;
  /** The number that selects it when typed. */
  number: number;
}

/** What the citizen sees after the bot answered: the question and its buttons. */
interface Screen {
  question: string;
  /** Every text of the answer, joined. */
  text: string;
  keyboard: "inline" | "reply" | "none";
  messageId: number | undefined;
  buttons: Button[];
}

const EMPTY_SCREEN: Screen = { question: "", text: "", keyboard: "none", messageId: undefined, buttons: [] };

class Stopped extends Error {}
/** The conversation did not go where the script expected: counted, and the citizen starts over. */
class OffScript extends Error {}

export interface LoadOptions {
  kind: BotKind;
  citizens: number;
  /** Mean think time between a citizen's messages, ms (uniform in [0.5, 1.5] × mean; 0: none). */
  thinkMs: number;
  seed: number;
  /** A turn without its answer after this long counts as lost. */
  turnTimeoutMs: number;
}

/** CAPs of the demo network's area (Torino and around), and a few from elsewhere. */
const CAPS = ["10152", "10155", "10137", "10125", "10024", "10122", "10121", "10093", "10138", "10141", "10095"];
const CAPS_ELSEWHERE = ["00184", "20121", "80133"];
const COMUNI = ["Torino", "Moncalieri", "Collegno", "Grugliasco", "Nichelino", "Rivoli", "Settimo Torinese", "Chieri"];
const TYPOS = [
  "Torinno",
  "Moncalierri",
  "Colegno",
  "Grugliaso",
  "Nikelino",
  "torino ",
  "moncalieri",
  "Setimo Torinese",
];
const LOCATIONS = [
  { lat: 45.0703, lon: 7.6869 },
  { lat: 45.0522, lon: 7.6614 },
  { lat: 45.0081, lon: 7.6824 },
  { lat: 45.0905, lon: 7.6991 },
];
const ECHO_TEXTS = ["ciao", "1", "2", "10152", "Torino", "Moncalierri", "menu", "indietro", "aiuto", "10", "domani"];

/** Sportello's wording (Italian) that means the script went wrong, or the bot did. */
const ANOMALIES: Array<[RegExp, string]> = [
  [/^Non ho capito/m, "answer: not understood"],
  [/qualcosa non ha funzionato/, "answer: something went wrong"],
  [/pulsante è di un messaggio vecchio/, "answer: old button"],
  [/sto ancora rispondendo/, "answer: lock not acquired"],
];

export class LoadGenerator {
  readonly turns: Turn[] = [];
  readonly anomalies = new Map<string, number>();
  /** Bot API calls by method (all chats), counted as the fake answers them. */
  readonly callsByMethod = new Map<string, number>();
  /** Sizes of the non-empty getUpdates answers. */
  readonly batches: number[] = [];
  bookings = 0;
  private readonly byChat = new Map<number, Citizen>();
  private readonly running: Promise<void>[] = [];
  private stopped = false;
  private nextUserId = 5_000_000;
  private unsubscribe: (() => void) | undefined;
  thinkMs: number;

  constructor(
    readonly fake: FakeTelegram,
    readonly options: LoadOptions,
  ) {
    this.thinkMs = options.thinkMs;
  }

  start(): void {
    this.unsubscribe = this.fake.onCall((call) => this.dispatch(call));
    for (let i = 0; i < this.options.citizens; i++) {
      const citizen = new Citizen(this, random(this.options.seed * 7919 + i));
      this.running.push(citizen.run());
    }
  }

  /** No new turns; resolves once every citizen finished its turn in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
    this.unsubscribe?.();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  note(what: string): void {
    this.anomalies.set(what, (this.anomalies.get(what) ?? 0) + 1);
  }

  newUser(citizen: Citizen, previous: number | undefined): User {
    if (previous !== undefined) this.byChat.delete(previous);
    const id = this.nextUserId++;
    this.byChat.set(id, citizen);
    return { id, is_bot: false, first_name: `Cittadino${id}`, language_code: "it" };
  }

  private dispatch(call: RecordedCall): void {
    this.callsByMethod.set(call.method, (this.callsByMethod.get(call.method) ?? 0) + 1);
    if (call.method === "getUpdates") {
      const size = Array.isArray(call.result) ? call.result.length : 0;
      if (size > 0) this.batches.push(size);
      return;
    }
    if (!call.ok) this.note(`bot call failed: ${call.method} ${call.error?.error_code} ${call.error?.description}`);
    if (call.chatId === undefined) return;
    this.byChat.get(call.chatId)?.receive(call);
  }
}

interface Pending {
  t0: number;
  input: Turn["input"];
  label: string;
  calls: RecordedCall[];
  resolve: (calls: RecordedCall[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

class Citizen {
  private user: User;
  private screen: Screen = EMPTY_SCREEN;
  private pending: Pending | undefined;
  private consent = false;
  private onboarded = false;

  constructor(
    private readonly load: LoadGenerator,
    private readonly rng: () => number,
  ) {
    this.user = load.newUser(this, undefined);
  }

  // ---- Driving ------------------------------------------------------------------------------------------------

  async run(): Promise<void> {
    // Spread the first messages over one think time (or a second), so citizens do not move in waves.
    await sleep(this.rng() * Math.max(this.load.thinkMs, 1_000));
    while (!this.load.isStopped) {
      try {
        if (this.load.options.kind === "echo") {
          await this.act("text", "echo", () => this.load.fake.inject.text(this.user, this.pick(ECHO_TEXTS)));
          continue;
        }
        if (!this.onboarded) await this.onboarding();
        await this.activity();
        if (this.chance(0.05)) this.becomeSomeoneElse();
      } catch (error) {
        if (error instanceof Stopped) return;
        this.load.note(error instanceof OffScript ? `off script: ${error.message}` : `citizen: ${String(error)}`);
        this.becomeSomeoneElse();
      }
    }
  }

  /** A new person takes this citizen's place (first contact again). */
  private becomeSomeoneElse(): void {
    this.user = this.load.newUser(this, this.user.id);
    this.screen = EMPTY_SCREEN;
    this.onboarded = false;
    this.consent = false;
  }

  receive(call: RecordedCall): void {
    const pending = this.pending;
    if (!pending) {
      this.load.note("reply outside a turn");
      return;
    }
    pending.calls.push(call);
    if (!this.isLastReply(call)) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    const t1 = performance.now();
    this.load.turns.push({
      t0: pending.t0,
      t1,
      input: pending.input,
      label: pending.label,
      calls: pending.calls.length,
    });
    pending.resolve(pending.calls);
  }

  private isLastReply(call: RecordedCall): boolean {
    if (!call.ok) return false;
    if (this.load.options.kind === "echo") return call.method === "sendMessage";
    if (call.method !== "sendMessage" && call.method !== "editMessageText") return false;
    const markup = call.params.reply_markup as { inline_keyboard?: unknown; keyboard?: unknown } | undefined;
    return markup?.inline_keyboard !== undefined || markup?.keyboard !== undefined;
  }

  /** Queues one update and waits for the bot's answer to it. */
  private async act(input: Turn["input"], label: string, inject: () => Update): Promise<Screen> {
    await this.think();
    if (this.load.isStopped) throw new Stopped();
    const calls = await new Promise<RecordedCall[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        reject(new OffScript(`no answer within ${this.load.options.turnTimeoutMs} ms (${label})`));
      }, this.load.options.turnTimeoutMs);
      this.pending = { t0: performance.now(), input, label, calls: [], resolve, reject, timer };
      try {
        inject();
      } catch (error) {
        clearTimeout(timer);
        this.pending = undefined;
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    this.screen = screenOf(calls);
    for (const [pattern, what] of ANOMALIES) if (pattern.test(this.screen.text)) this.load.note(`${what} (${label})`);
    return this.screen;
  }

  private think(): Promise<void> {
    const mean = this.load.thinkMs;
    return mean > 0 ? sleep(mean * (0.5 + this.rng())) : new Promise((resolve) => setImmediate(resolve));
  }

  private say(text: string, label: string): Promise<Screen> {
    return this.act("text", label, () => this.load.fake.inject.text(this.user, text));
  }

  /**
   * Picks a button of the question, by choice id (a string or a pattern) or predicate: presses it, or
   * types its number (or, now and then, its label).
   */
  private choose(match: string | RegExp | ((b: Button) => boolean), label: string): Promise<Screen> {
    const test =
      typeof match === "string"
        ? (b: Button) => b.id === match
        : match instanceof RegExp
          ? (b: Button) => match.test(b.id)
          : match;
    const candidates = this.screen.buttons.filter(test);
    if (candidates.length === 0) {
      throw new OffScript(
        `no button ${String(match)} at «${this.screen.question.replace(/\n/g, " / ").slice(-100)}» (${label}); buttons: ${this.screen.buttons.map((b) => b.id).join(" | ")}`,
      );
    }
    const button = this.pick(candidates);
    const messageId = this.screen.messageId;
    if (this.screen.keyboard === "inline" && button.data !== undefined && messageId !== undefined && this.chance(0.6)) {
      const data = button.data;
      return this.act("button", label, () =>
        this.load.fake.inject.callbackQuery(this.user, { chatId: this.user.id, messageId, button: { data } }),
      );
    }
    if (this.chance(0.1) && /^[\p{L} ]+$/u.test(button.label)) return this.say(button.label, label);
    return this.say(String(button.number), label);
  }

  private chance(p: number): boolean {
    return this.rng() < p;
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.rng() * items.length)];
    if (item === undefined) throw new Error("empty list");
    return item;
  }

  /** Whether the question offers a choice with this id (or matching this pattern). */
  private has(id: string | RegExp): boolean {
    return this.screen.buttons.some((b) => (typeof id === "string" ? b.id === id : id.test(b.id)));
  }

  // ---- The conversation (recognised by the engine's choice ids, not by wording) ---------------------------------

  private async onboarding(): Promise<void> {
    await this.act("command", "first contact (/start)", () => this.load.fake.inject.command(this.user, "start"));
    await this.choose("it", "language");
    if (this.chance(0.1)) await this.choose("more", "privacy: read more");
    if (this.chance(0.08)) {
      await this.choose("decline", "privacy: decline");
      this.consent = false;
    } else {
      await this.choose("accept", "privacy: accept");
      this.consent = true;
    }
    this.onboarded = true;
  }

  /** One thing to do from the main menu; ends back at the menu. */
  private async activity(): Promise<void> {
    await this.toMenu();
    const r = this.rng();
    if (!this.consent) {
      if (r < 0.45) await this.findByCap();
      else if (r < 0.85) await this.findByName();
      else if (r < 0.93) await this.help();
      else {
        await this.choose("book", "menu: book, asks for consent");
        await this.choose("accept", "privacy: accept");
        this.consent = true;
      }
      return;
    }
    if (r < 0.24) await this.findByCap();
    else if (r < 0.46) await this.findByName();
    else if (r < 0.5) await this.findByLocation();
    else if (r < 0.76) await this.bookingFlow();
    else if (r < 0.85) await this.appointments();
    else if (r < 0.9) await this.help();
    else if (r < 0.94) await this.say("ciao", "returning: ciao");
    else if (r < 0.97) await this.privacyRead();
    else await this.act("sticker", "sticker", () => this.load.fake.inject.sticker(this.user));
  }

  private atMenu(): boolean {
    return this.has("find") && this.has("help");
  }

  private async toMenu(): Promise<void> {
    if (this.atMenu()) return;
    await this.say(this.chance(0.8) ? "menu" : "/menu", "typed: menu");
  }

  /** At "where are you?": a CAP, a comune name (sometimes misspelt) or a location; ends at the results. */
  private async searchPlace(): Promise<void> {
    const r = this.rng();
    if (r < 0.5) await this.say(this.chance(0.93) ? this.pick(CAPS) : this.pick(CAPS_ELSEWHERE), "search: CAP");
    else if (r < 0.9) await this.say(this.chance(0.3) ? this.pick(TYPOS) : this.pick(COMUNI), "search: comune name");
    else {
      const at = this.pick(LOCATIONS);
      await this.act("location", "search: location", () =>
        this.load.fake.inject.location(this.user, at.lat + (this.rng() - 0.5) / 50, at.lon + (this.rng() - 0.5) / 50),
      );
    }
    await this.afterSearch();
  }

  /** Which comune, when the name was ambiguous; a CAP, when it was not found at all. */
  private async afterSearch(): Promise<void> {
    if (this.has(/^\d{6}$/)) await this.choose(/^\d{6}$/, "search: which comune");
    if (this.screen.keyboard === "reply") await this.say(this.pick(CAPS), "search: CAP after a miss");
  }

  private async findByCap(): Promise<void> {
    await this.choose("find", "menu: find");
    await this.say(this.chance(0.95) ? this.pick(CAPS) : this.pick(CAPS_ELSEWHERE), "search: CAP");
    await this.browseResults();
  }

  private async findByName(): Promise<void> {
    await this.choose("find", "menu: find");
    await this.say(this.chance(0.3) ? this.pick(TYPOS) : this.pick(COMUNI), "search: comune name");
    await this.afterSearch();
    await this.browseResults();
  }

  private async findByLocation(): Promise<void> {
    await this.choose("find", "menu: find");
    const at = this.pick(LOCATIONS);
    await this.act("location", "search: location", () => this.load.fake.inject.location(this.user, at.lat, at.lon));
    await this.browseResults();
  }

  private readonly points = /^[0-9a-f]{8}-[0-9a-f]{4}-/;

  private async browseResults(): Promise<void> {
    if (!this.has("again")) throw new OffScript(`not at the results: «${this.screen.question.slice(-100)}»`);
    if (!this.has(this.points)) {
      await this.choose("menu", "results: none, menu");
      return;
    }
    if (this.has("more") && this.chance(0.25)) await this.choose("more", "results: more (edit)");
    if (this.chance(0.1)) {
      await this.say("indietro", "typed: indietro");
      return;
    }
    if (this.chance(0.2)) {
      await this.choose("menu", "results: menu");
      return;
    }
    await this.choose(this.points, "results: open a point");
    if (this.chance(0.45)) {
      await this.choose("back", "point: back to results");
      if (this.chance(0.4) && this.has(this.points)) await this.choose(this.points, "results: open a point");
    }
    await this.choose("menu", "point: menu");
  }

  private async bookingFlow(): Promise<void> {
    if (this.chance(0.8)) {
      await this.choose("book", "menu: book");
      await this.searchPlace();
      if (!this.has(this.points)) {
        await this.choose("menu", "results: none, menu");
        return;
      }
      await this.choose(this.points, "book: choose a point");
    } else {
      await this.choose("find", "menu: find");
      await this.searchPlace();
      if (!this.has(this.points)) {
        await this.choose("menu", "results: none, menu");
        return;
      }
      await this.choose(this.points, "results: open a point");
      if (!this.has("book")) {
        await this.choose("menu", "point: menu");
        return;
      }
      await this.choose("book", "point: book here");
    }
    if (this.has("facilitazione") || this.has("accoglienza"))
      await this.choose(this.chance(0.75) ? /^facilitazione$/ : /^(accoglienza|facilitazione)$/, "book: service");
    if (this.has("in_presenza")) await this.choose(this.chance(0.85) ? "in_presenza" : "remote", "book: mode");
    if (this.has(/^(telefono|videochiamata|chat)$/)) await this.choose(() => true, "book: remote mode");
    if (!this.has(/^d\d{4}-\d{2}-\d{2}$/)) {
      // no free day here (or not a day question): back to the menu
      await this.say("menu", "book: no day offered, menu");
      return;
    }
    if (this.has("more") && this.chance(0.2)) await this.choose("more", "book: more days (edit)");
    await this.choose(/^d\d{4}-\d{2}-\d{2}$/, "book: day");
    if (this.has("back") && this.chance(0.1)) {
      await this.choose("back", "book: another day");
      if (!this.has(/^d\d{4}/)) return;
      await this.choose(/^d\d{4}-\d{2}-\d{2}$/, "book: day");
    }
    const times = this.screen.buttons.filter((b) => /^t[0-9a-z]+$/.test(b.id));
    if (times.length === 0) {
      await this.say("menu", "book: no time offered, menu");
      return;
    }
    if (times.some((b) => b.label === "10:00") && this.chance(0.5)) await this.say("10:00", "book: typed time «10:00»");
    else await this.choose(/^t[0-9a-z]+$/, "book: time");
    if (this.chance(0.85)) {
      await this.say(this.chance(0.7) ? "menu" : "annulla", "book: give up at the topic");
      return;
    }
    await this.choose((b) => /^g\./.test(b.id) && b.id !== "g.altro", "book: topic group");
    if (this.has(/^(spid|io|fse|cup|pagopa|certificati|inps|email|videocall)$/))
      await this.choose(/^(spid|io|fse|cup|pagopa|certificati|inps|email|videocall)$/, "book: topic");
    if (!this.has("confirm") && this.screen.buttons.length === 1) await this.say("333 123 4567", "book: phone");
    if (!this.has("confirm")) {
      await this.say("menu", "typed: menu");
      return;
    }
    if (this.chance(0.35)) {
      await this.choose("confirm", "book: confirm (writes)");
      if (this.has("ics")) this.load.bookings += 1;
      await this.toMenu();
    } else await this.choose("menu", "book: cancel at the summary");
  }

  private async appointments(): Promise<void> {
    await this.choose("appointments", "menu: my appointments");
    if (this.has(this.points) && this.chance(0.5)) {
      await this.choose(this.points, "appointments: open one");
      await this.choose("menu", "appointment: menu");
      return;
    }
    await this.choose("menu", "appointments: menu");
  }

  private async help(): Promise<void> {
    await this.say(this.chance(0.7) ? "aiuto" : "/aiuto", "typed: aiuto");
  }

  private async privacyRead(): Promise<void> {
    await this.choose("privacy", "menu: privacy");
    await this.choose("read", "privacy: read notice");
    await this.choose("menu", "privacy: menu");
  }
}

/** The question (last reply with a keyboard) and every text of an answer. */
function screenOf(calls: readonly RecordedCall[]): Screen {
  const last = calls.at(-1);
  if (!last) return EMPTY_SCREEN;
  const text = calls
    .map((c) => c.text ?? "")
    .filter(Boolean)
    .join("\n");
  const markup = last.params.reply_markup as
    | { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>>; keyboard?: unknown }
    | undefined;
  const messageId = last.message?.message_id ?? (last.result as Message | undefined)?.message_id;
  if (markup?.inline_keyboard) {
    const buttons = markup.inline_keyboard.flat().map((b, i) => {
      const data = b.callback_data;
      return {
        label: b.text.replace(/^\d+\.\s/, ""),
        ...(data === undefined ? {} : { data }),
        id: data === undefined ? b.text : data.slice(data.indexOf(".") + 1),
        number: i + 1,
      };
    });
    return { question: last.text ?? "", text, keyboard: "inline", messageId, buttons };
  }
  if (Array.isArray(markup?.keyboard)) {
    const rows = markup.keyboard as Array<Array<{ text: string; request_location?: boolean }>>;
    const buttons = rows
      .flat()
      .filter((b) => !b.request_location)
      .map((b, i) => ({ label: b.text, id: b.text === "Menu" ? "menu" : b.text, number: i + 1 }));
    return { question: last.text ?? "", text, keyboard: "reply", messageId, buttons };
  }
  return { question: last.text ?? "", text, keyboard: "none", messageId, buttons: [] };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
