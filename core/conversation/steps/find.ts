import type { Comune } from "../../geo/comune.js";
import { comuneByIstat, findComuniByCap, searchComuni } from "../../geo/comune-index.js";
import { isValidLatLon } from "../../geo/distance.js";
import { nearestComune } from "../../geo/nearest-comune.js";
import type { PointDetails } from "../../ports.js";
import { localDateAt } from "../../time/zoned-time.js";
import { formatDay, formatKm, formatTime, statusLine, weeklyHours } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { Reply } from "../reply.js";
import type { Flow } from "../state.js";
import { bookableServices, loadPoint, siteAddress, toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

const PAGE = 3;

const comuneLabel = (comune: Comune) => `${comune.name} (${comune.province})`;

function resultsAt(place: NonNullable<Flow["place"]>): Outcome {
  return { to: "find_results", flow: { place, resultsPage: 0 } };
}

function atComune(comune: Comune): Outcome {
  return resultsAt({ lat: comune.lat, lon: comune.lon, label: comune.name });
}

/** "Where are you?": a comune name, a CAP, or the device's position. */
export const findWhereStep: Step = {
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

/** A comune name or CAP as typed: the results there, or a question when several match. */
async function searchPlace(ctx: StepContext, typed: string): Promise<Outcome> {
  const compact = typed.replace(/\s/g, "");
  if (/^\d{5}$/.test(compact)) {
    const comuni = findComuniByCap(compact);
    if (comuni.length === 0) return { stay: [text(ctx.t("find.capUnknown", { cap: compact }))] };
    const [only] = comuni;
    if (comuni.length === 1 && only) return atComune(only);
    return { to: "find_comune", flow: { comuni: comuni.slice(0, 8).map((c) => c.istat) } };
  }
  const matches = searchComuni(typed.slice(0, 100), { limit: 6 });
  const [best] = matches;
  if (!best) return { stay: [text(ctx.t("find.comuneUnknown", { query: typed.slice(0, 40) }))] };
  const exact = matches.filter((m) => m.reason === "exact");
  if (exact.length === 1 || matches.length === 1) return atComune(best.comune);
  return { to: "find_comune", flow: { comuni: matches.map((m) => m.comune.istat) } };
}

/** A shared position: the results there, unless it is outside Italy. */
async function searchAt(ctx: StepContext, lat: number, lon: number): Promise<Outcome> {
  if (!isValidLatLon(lat, lon)) return { stay: [text(ctx.t("find.outsideItaly"))] };
  const where = nearestComune(lat, lon);
  if (!where.inItaly) return { stay: [text(ctx.t("find.outsideItaly"))] };
  return resultsAt({ lat, lon, label: ctx.t("find.yourPosition") });
}

export const findComuneStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.comuni?.length ? undefined : { to: "find_where", history: "none" };
  },
  async ask(ctx) {
    const comuni = (ctx.state.flow.comuni ?? []).map(comuneByIstat).filter((c): c is Comune => c !== undefined);
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("find.whichComune") },
      choices: [
        ...comuni.map((c) => choice(c.istat, comuneLabel(c), [c.name])),
        choice("again", ctx.t("find.searchAgain")),
      ],
    };
  },
  async choose(_ctx, id) {
    const comune = comuneByIstat(id);
    return comune ? atComune(comune) : { to: "find_where", history: "none" };
  },
  // another town typed here is a new search
  text: (ctx, typed) => searchPlace(ctx, typed),
  location: (ctx, lat, lon) => searchAt(ctx, lat, lon),
};

function pointLine(
  ctx: StepContext,
  index: number,
  found: Awaited<ReturnType<StepContext["deps"]["finder"]["nearest"]>>[number],
): string {
  const parts = [`${index}. ${found.point.name}`, ctx.t("point.km", { km: formatKm(found.distanceKm, ctx.lang) })];
  const [visit] = found.nextVisits;
  if (found.point.kind === "itinerant" && visit) {
    const site = found.point.sites.find((s) => s.id === visit.siteId);
    parts.push(
      ctx.t("point.nextStop", {
        day: formatDay(visit.start, ctx.lang, ctx.zone, ctx.now, ctx.t),
        time: formatTime(visit.start, ctx.lang, ctx.zone),
        place: site?.name ?? "",
      }),
    );
  } else {
    parts.push(statusLine(found.status, ctx.lang, ctx.zone, ctx.now, ctx.t));
  }
  return parts.join(" · ");
}

const canBook = (point: PointDetails) => bookableServices(point).length > 0;

/** The nearest points, three at a time. */
export const findResultsStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.place ? undefined : { to: "find_where", history: "none" };
  },
  async ask(ctx) {
    const { place, resultsPage = 0, purpose } = ctx.state.flow;
    if (!place) throw new Error("find_results without a place");
    const all = await ctx.deps.finder.nearest(place, {
      k: PAGE * (resultsPage + 1) + 1,
      maxDistanceKm: 150,
      ...(purpose === "book" ? { filter: canBook } : {}),
    });
    const shown = all.slice(PAGE * resultsPage, PAGE * (resultsPage + 1));
    const again = choice("again", ctx.t("find.searchAgain"), ["cerca", "altro comune"]);
    const menu = choice("menu", ctx.t("common.menu"));
    if (shown.length === 0) {
      return {
        say: [],
        ask: { kind: "choices", text: ctx.t("find.none", { place: place.label }) },
        choices: [again, menu],
      };
    }
    const header = ctx.t(resultsPage === 0 ? "find.results" : "find.resultsAgain", { place: place.label });
    const lines = shown.map((found, i) => pointLine(ctx, i + 1, found));
    const question = ctx.t(purpose === "book" ? "find.chooseToBook" : "find.choose");
    return {
      say: [],
      ask: { kind: "choices", text: `${header}\n\n${lines.join("\n")}\n\n${question}` },
      choices: [
        ...shown.map((found) => choice(found.point.id, found.point.name)),
        ...(all.length > PAGE * (resultsPage + 1) ? [choice("more", ctx.t("common.more"), ["altri", "more"])] : []),
        again,
        menu,
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "again") return { to: "find_where", history: "none" };
    if (id === "more") return { stay: [], flow: { resultsPage: (ctx.state.flow.resultsPage ?? 0) + 1 }, edit: true };
    return ctx.state.flow.purpose === "book"
      ? { to: "book_service", flow: { pointId: id } }
      : { to: "point", flow: { pointId: id } };
  }, // another town typed here is a new search
  text: (ctx, typed) => searchPlace(ctx, typed),
  location: (ctx, lat, lon) => searchAt(ctx, lat, lon),
};

function pointCard(ctx: StepContext, point: PointDetails): Reply[] {
  const { t } = ctx;
  const site = point.sites.find((s) => s.isMain) ?? point.sites[0];
  // the map card before this text already says the name and the address
  const lines = site ? [] : [point.name];
  if (point.kind === "itinerant") lines.push(t("point.bus"));
  const services = point.services.map((s) => t(`service.${s.kind}` as MessageKey));
  if (services.length) lines.push(t("point.services", { list: services.join(", ") }));
  if (lines.length > 0) lines.push("");
  if (point.kind === "itinerant") {
    const visits = point.schedule.visits
      .map((v) => ({ v, site: point.sites.find((s) => s.id === v.siteId) }))
      .filter(({ v }) => v.date >= localDateAt(ctx.now, ctx.zone))
      .slice(0, 4);
    lines.push(t("point.stops"));
    for (const { v, site: stop } of visits) {
      lines.push(
        `• ${formatDay(new Date(`${v.date}T12:00:00Z`), ctx.lang, ctx.zone, ctx.now, t)} ${v.opens}–${v.closes}, ${stop?.name ?? ""} (${siteAddress(stop)})`,
      );
    }
  } else {
    lines.push(t("point.hours"), ...weeklyHours(point.schedule, ctx.lang, t));
  }
  const contacts = [point.contacts.phone ? `☎ ${point.contacts.phone}` : "", point.contacts.email ?? ""].filter(
    Boolean,
  );
  if (contacts.length) lines.push("", t("point.contacts", { list: contacts.join(" · ") }));
  const replies: Reply[] = [];
  if (site) {
    replies.push({
      kind: "venue",
      title: point.name,
      address: siteAddress(site),
      lat: site.coordinates.lat,
      lon: site.coordinates.lon,
    });
  }
  replies.push(text(lines.join("\n")));
  return replies;
}

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
      say: pointCard(ctx, point),
      ask: { kind: "choices", text: ctx.t("menu.title") },
      choices: [
        ...(canBook(point) ? [choice("book", ctx.t("point.bookHere"), ["prenota", "prenotare"])] : []),
        choice("back", ctx.t("common.back")),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "back") return ctx.state.flow.place ? { to: "find_results", history: "none" } : toMenu();
    if (ctx.state.consent !== "accepted") {
      ctx.state.startPoint = ctx.state.flow.pointId;
      return { to: "privacy", say: [text(ctx.t("privacy.needed"))] };
    }
    return { to: "book_service", flow: { purpose: "book" } };
  },
};
