import { upcomingCourses } from "../../courses/find-courses.js";
import type { Comune } from "../../geo/comune.js";
import { comuneByIstat, findComuniByCap, searchComuni } from "../../geo/comune-index.js";
import { isValidLatLon } from "../../geo/distance.js";
import { nearestComune } from "../../geo/nearest-comune.js";
import type { NearbyPoint } from "../../points/point-directory.js";
import type { PointDetails } from "../../ports.js";
import { parseTypedDate } from "../date-input.js";
import { formatKm, nearPlace } from "../format.js";
import { distinctLabels, LABEL_MAX, shortLabel, shortPointName } from "../labels.js";
import type { Flow } from "../state.js";
import { articleNumber, fold, smallTalk } from "../text-input.js";
import { pointCard, pointLine } from "./point-card.js";
import { askConsent, bookableServices, bookingLimit, loadPoint, toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

const PAGE = 3;
/** Beyond this, the results say the points are far. */
const FAR_KM = 30;
const MAX_DISTANCE_KM = 150;
/** A name this short matches only exactly: "no" and "si" are not the start of Novara and Siena. */
const MIN_SEARCH_LETTERS = 3;

/** "Torino (TO)", cut so that it fits a button (the province stays). */
function comuneLabel(comune: Comune): string {
  const province = ` (${comune.province})`;
  return `${shortLabel(comune.name, LABEL_MAX - province.length)}${province}`;
}

type Place = NonNullable<Flow["place"]>;

function resultsAt(place: Place): Outcome {
  return { to: "find_results", flow: { place, resultsPage: 0 } };
}

function atComune(comune: Comune, cap?: string): Outcome {
  return resultsAt({ lat: comune.lat, lon: comune.lon, label: comune.name, ...(cap ? { cap } : {}) });
}

/** "Where are you?": a comune name, a CAP, or the device's position. */
export const findWhereStep: Step = {
  async skip(ctx) {
    // a citizen who cannot book once more hears it before the first question of the booking
    return ctx.state.flow.purpose === "book" ? bookingLimit(ctx) : undefined;
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "location_request", text: ctx.t("find.ask"), label: ctx.t("find.shareLocation") },
      choices: [choice("menu", ctx.t("common.menu"))],
    };
  },
  async choose() {
    return toMenu();
  },
  text: (ctx, typed) => searchPlace(ctx, typed),
  location: (ctx, lat, lon) => searchAt(ctx, lat, lon),
};

/**
 * What was typed, if it cannot be a place: yes, no, thanks, an emoji, a date. Answered kindly,
 * and the citizen stays where they were. Undefined when it may be a place.
 */
function notAPlace(ctx: StepContext, typed: string): Outcome | undefined {
  const talk = smallTalk(typed);
  if (talk === "thanks") return { stay: [text(ctx.t("find.thanks"))] };
  if (talk || parseTypedDate(typed, "2000-01-01")) return { stay: [text(ctx.t("find.notAPlace"))], miss: true };
  return undefined;
}

/**
 * A comune name or CAP as typed: the results there when it is certain (one exact name, one CAP),
 * a question when it is a guess (a typo, the start of a name, several towns). A failed search
 * keeps the citizen where they were.
 */
async function searchPlace(ctx: StepContext, typed: string): Promise<Outcome> {
  const compact = typed.replace(/\s/g, "");
  if (/^\d{5}$/.test(compact)) {
    const comuni = findComuniByCap(compact);
    if (comuni.length === 0) return { stay: [text(ctx.t("find.capUnknown", { cap: compact }))], miss: true };
    const [only] = comuni;
    if (comuni.length === 1 && only) return atComune(only, compact);
    return { to: "find_comune", flow: { comuni: comuni.slice(0, 6).map((c) => c.istat) } };
  }
  const matches = searchComuni(typed.slice(0, 100), { limit: 6 });
  const exact = matches.filter((m) => m.reason === "exact");
  const [onlyExact] = exact;
  if (exact.length === 1 && onlyExact) return atComune(onlyExact.comune);
  if (exact.length > 1) return { to: "find_comune", flow: { comuni: exact.map((m) => m.comune.istat) } };
  const refused = notAPlace(ctx, typed);
  if (refused) return refused;
  const letters = fold(typed).replace(/[^a-z]/g, "").length;
  if (matches.length === 0 || letters < MIN_SEARCH_LETTERS) {
    return { stay: [text(ctx.t("find.comuneUnknown", { query: typed.slice(0, 40) }))], miss: true };
  }
  // a guess is offered, never taken: "Torinno" asks "Torino (TO)?"
  return { to: "find_comune", flow: { comuni: matches.map((m) => m.comune.istat) } };
}

/** A shared position: the results there, unless it is outside Italy. */
async function searchAt(ctx: StepContext, lat: number, lon: number): Promise<Outcome> {
  if (!isValidLatLon(lat, lon)) return { stay: [text(ctx.t("find.outsideItaly"))] };
  const where = nearestComune(lat, lon);
  if (!where.inItaly) return { stay: [text(ctx.t("find.outsideItaly"))] };
  return resultsAt({ lat, lon, label: ctx.t("find.yourPosition") });
}

/** "il 3", "la 2": the choice of that number on the list (where a place is typed too). */
function numberedChoice(ctx: StepContext, typed: string, step: Step): Promise<Outcome> | undefined {
  const n = articleNumber(typed);
  const picked = n === undefined ? undefined : ctx.state.question?.choices[n - 1];
  return picked ? step.choose?.(ctx, picked.id) : undefined;
}

export const findComuneStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.comuni?.length ? undefined : { to: "find_where", history: "none" };
  },
  async ask(ctx) {
    const comuni = (ctx.state.flow.comuni ?? []).map(comuneByIstat).filter((c): c is Comune => c !== undefined);
    const labels = distinctLabels(comuni.map(comuneLabel));
    const cut = labels.some((label, i) => comuni[i] && label !== `${comuni[i]?.name} (${comuni[i]?.province})`);
    const list = cut ? comuni.map((c, i) => `${i + 1}. ${c.name} (${c.province})`) : [];
    return {
      say: [],
      ask: { kind: "choices", text: [ctx.t("find.whichComune"), ...list].join("\n") },
      choices: [
        ...comuni.map((c, i) => choice(c.istat, labels[i] ?? c.name, [c.name])),
        // it goes back to "Dove ti trovi?": no "Indietro" beside it
        choice("back", ctx.t("find.searchAgain"), ["cerca", "altro comune", "search"], ctx.t("find.searchAgain.short")),
      ],
    };
  },
  async choose(_ctx, id) {
    const comune = comuneByIstat(id);
    return comune ? atComune(comune) : { to: "find_where", history: "none" };
  },
  // another town typed here is a new search
  text: (ctx, typed) => numberedChoice(ctx, typed, findComuneStep) ?? searchPlace(ctx, typed),
  location: (ctx, lat, lon) => searchAt(ctx, lat, lon),
};

const canBook = (point: PointDetails) => bookableServices(point).length > 0;

async function hasCourses(ctx: StepContext, pointId: string): Promise<boolean> {
  return (await upcomingCourses(ctx.deps.core, [pointId], 1)).length > 0;
}

/**
 * The nearest points from a place. After a CAP, the points with a site in that CAP come first
 * (the CAP is searched from its town's centre, which may be far from that part of town).
 */
async function nearestFrom(ctx: StepContext, place: Place, count: number): Promise<NearbyPoint[]> {
  const filter = ctx.state.flow.purpose === "book" ? canBook : undefined;
  const options = { k: count, maxDistanceKm: MAX_DISTANCE_KM, ...(filter ? { filter } : {}) };
  const all = await ctx.deps.finder.nearest(place, options);
  if (!place.cap) return all;
  const cap = place.cap;
  // a bus counts by its stops, not its depot
  const inCap = (point: PointDetails) => {
    const stops = new Set(point.schedule.visits.map((visit) => visit.siteId));
    const reachable = point.kind === "itinerant" ? point.sites.filter((site) => stops.has(site.id)) : point.sites;
    return reachable.some((site) => site.address.cap === cap);
  };
  const first = await ctx.deps.finder.nearest(place, {
    ...options,
    filter: (point) => inCap(point) && (filter?.(point) ?? true),
  });
  const seen = new Set(first.map((found) => found.point.id));
  return [...first, ...all.filter((found) => !seen.has(found.point.id))].slice(0, count);
}

/** The nearest points, three at a time, with "nearer" and "more" pages. */
export const findResultsStep: Step = {
  async skip(ctx) {
    // looking for group courses: the courses near that place, not the points
    if (ctx.state.flow.place && ctx.state.flow.purpose === "courses") return { to: "courses", history: "none" };
    return ctx.state.flow.place ? undefined : { to: "find_where", history: "none" };
  },
  async ask(ctx) {
    const { place, resultsPage = 0, purpose } = ctx.state.flow;
    if (!place) throw new Error("find_results without a place");
    const all = await nearestFrom(ctx, place, PAGE * (resultsPage + 1) + 1);
    const shown = all.slice(PAGE * resultsPage, PAGE * (resultsPage + 1));
    const near = nearPlace(place.label, ctx.lang);
    const again = choice(
      "again",
      ctx.t("find.searchAgain"),
      ["cerca", "altro comune", "search", "altrove"],
      ctx.t("find.searchAgain.short"),
    );
    const menu = choice("menu", ctx.t("common.menu"));
    if (shown.length === 0) {
      // nothing here: say where free help can be found, and offer another search
      return {
        say: [],
        ask: {
          kind: "choices",
          text: [ctx.t("find.none", { near }), ctx.t("find.elsewhere"), ctx.t("find.again")].join("\n"),
        },
        choices: [again, menu],
      };
    }
    const header = ctx.t(resultsPage === 0 ? "find.results" : "find.resultsAgain", { near });
    const nearest = Math.min(...shown.map((found) => found.distanceKm));
    const far = resultsPage === 0 && nearest > FAR_KM ? [ctx.t("find.far", { km: formatKm(nearest, ctx.lang) })] : [];
    const lines = shown.map((found, i) => pointLine(ctx, i + 1, found, place));
    const question = ctx.t(purpose === "book" ? "find.chooseToBook" : "find.choose");
    const labels = distinctLabels(shown.map((found) => shortPointName(found.point.name)));
    return {
      say: [],
      ask: { kind: "choices", text: [header, ...far, "", ...lines, "", question].join("\n") },
      choices: [
        ...shown.map((found, i) => choice(found.point.id, labels[i] ?? found.point.name, [found.point.name])),
        ...(resultsPage > 0 ? [choice("previous", ctx.t("find.previous"), ["prima", "previous"])] : []),
        ...(all.length > PAGE * (resultsPage + 1) ? [choice("more", ctx.t("common.more"), ["altri", "more"])] : []),
        again,
        menu,
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "again") return { to: "find_where", history: "none" };
    const page = ctx.state.flow.resultsPage ?? 0;
    if (id === "more") return { stay: [], flow: { resultsPage: page + 1 }, edit: true };
    if (id === "previous") return { stay: [], flow: { resultsPage: Math.max(0, page - 1) }, edit: true };
    return ctx.state.flow.purpose === "book"
      ? { to: "book_service", flow: { pointId: id } }
      : { to: "point", flow: { pointId: id } };
  },
  // "il 3" is the third point; another town typed here is a new search
  async text(ctx, typed) {
    const numbered = numberedChoice(ctx, typed, findResultsStep);
    if (numbered) return numbered;
    const talk = smallTalk(typed);
    if (talk === "yes" || talk === "no" || talk === "unclear")
      return { stay: [text(ctx.t("find.pickNumber"))], miss: true };
    return searchPlace(ctx, typed);
  },
  location: (ctx, lat, lon) => searchAt(ctx, lat, lon),
};

/** A point's card: map pin, address, hours or next stops, services, contacts. */
export const pointStep: Step = {
  async skip(ctx) {
    const point = await loadPoint(ctx, ctx.state.flow.pointId);
    return point ? undefined : { to: "find_where", say: [text(ctx.t("point.notFound"))], history: "none" };
  },
  async ask(ctx) {
    const point = await loadPoint(ctx, ctx.state.flow.pointId);
    if (!point) throw new Error("point vanished");
    return {
      say: pointCard(ctx, point, ctx.state.flow.place),
      ask: { kind: "choices", text: ctx.t("menu.title") },
      choices: [
        ...(canBook(point) ? [choice("book", ctx.t("point.bookHere"), ["prenota", "prenotare", "book"])] : []),
        ...((await hasCourses(ctx, point.id))
          ? [choice("courses", ctx.t("courses.pointButton"), ["corsi", "corso", "courses"], ctx.t("courses.menu"))]
          : []),
        choice("back", ctx.t("common.back")),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "back") return ctx.state.flow.place ? { to: "find_results", history: "none" } : toMenu();
    if (id === "courses") return { to: "courses", flow: { purpose: "courses", courseFrom: "list" } };
    if (ctx.state.consent !== "accepted") {
      // after "Accetto" the booking goes on at this point
      return { ...askConsent(ctx, "book_service", { purpose: "book" }), history: "push" };
    }
    return (await bookingLimit(ctx)) ?? { to: "book_service", flow: { purpose: "book" } };
  },
};
