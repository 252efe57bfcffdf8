// Sportello web chat: sends what the citizen says to POST /api/chat and shows the replies.
// Everything that comes from the server or the citizen is shown with textContent, never as HTML.

const logEl = document.getElementById("log");
const statusEl = document.getElementById("status");
const form = document.getElementById("composer");
const input = document.getElementById("message");

const TEXT = {
  bot: "Sportello:",
  you: "Tu:",
  typing: "Sto scrivendo…",
  locating: "Cerco la tua posizione…",
  choices: "Scelte",
  locationSent: "📍 Ho inviato la mia posizione",
  noGeolocation:
    "Questo browser non può inviare la posizione. Nessun problema: scrivi qui sotto il nome del tuo comune o il CAP.",
  insecure:
    "Da questa pagina il browser non permette di inviare la posizione. Nessun problema: scrivi qui sotto il nome del tuo comune o il CAP.",
  denied:
    "Non posso vedere la tua posizione: il browser non ha dato il permesso. Nessun problema: scrivi qui sotto il nome del tuo comune o il CAP.",
  unavailable:
    "Non riesco a trovare la tua posizione. Nessun problema: scrivi qui sotto il nome del tuo comune o il CAP.",
  offline:
    "Non riesco a collegarmi. Forse la connessione a internet si è interrotta. Controlla e tocca «Riprova»: il tuo messaggio non è andato perso.",
  generic: "Scusa, qualcosa non ha funzionato. Riprova tra poco.",
  retry: "Riprova",
  restart: "Ricomincia",
  openMap: "Apri la mappa",
  newTab: " (si apre in una nuova scheda)",
  download: "Scarica il file",
  noCookies:
    "Questo browser non accetta i cookie di questo sito: senza, non posso ricordare la conversazione tra un messaggio e l'altro. Permetti i cookie per questo sito, poi ricarica la pagina.",
};

const deepLinkParam = new URLSearchParams(window.location.search).get("start");
/** The `?start=` payload (a point to open): the message that opens the session carries it. */
const deepLink = deepLinkParam && /^[A-Za-z0-9_-]{1,64}$/.test(deepLinkParam) ? deepLinkParam : undefined;

const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/** Messages are sent one at a time, in order: the next waits for the previous answer. */
let queue = Promise.resolve();
let pending = 0;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A text field of a reply, or "" when it is missing: never "undefined" on screen. */
function str(value) {
  return typeof value === "string" ? value : "";
}

function hidden(text) {
  return element("span", "visually-hidden", text);
}

/** A bubble in the log: who speaks (for screen readers) and the text, line breaks kept. */
function bubble(kind, text) {
  const box = element("div", `msg msg-${kind}`);
  box.append(hidden(kind === "user" ? TEXT.you : TEXT.bot));
  if (text) box.append(element("p", "msg-text", text));
  return box;
}

function setStatus(text) {
  statusEl.textContent = text;
  statusEl.classList.toggle("is-active", text !== "");
}

function setBusy(busy) {
  pending += busy ? 1 : -1;
  logEl.setAttribute("aria-busy", pending > 0 ? "true" : "false");
  if (pending === 0) setStatus("");
}

/**
 * Shows new messages. When they do not fit on screen, scrolls to the first one so that long
 * answers are read from the top; when they fit, nothing moves (and a keyboard user's next Tab
 * starts where it would, at the top of the page).
 */
function show(nodes) {
  if (nodes.length === 0) return;
  logEl.append(...nodes);
  const first = nodes[0].getBoundingClientRect();
  const last = nodes[nodes.length - 1].getBoundingClientRect();
  if (first.top < 0 || last.bottom > window.innerHeight) {
    nodes[0].scrollIntoView({ block: "start", behavior: reduceMotion.matches ? "auto" : "smooth" });
  }
}

/** An emoji at the start of a label is decoration: screen readers skip it. */
function labelContent(label) {
  const match = /^(\p{Extended_Pictographic}\uFE0F?)\s+(.*)$/su.exec(label);
  if (!match) return [document.createTextNode(label)];
  const icon = element("span", "icon", match[1]);
  icon.setAttribute("aria-hidden", "true");
  return [icon, document.createTextNode(` ${match[2]}`)];
}

function actionButton(label, className, onPress) {
  const button = element("button", `choice ${className}`);
  button.type = "button";
  const text = element("span", "choice-label");
  text.append(...labelContent(label));
  button.append(text);
  button.addEventListener("click", onPress);
  return button;
}

/** Numbered buttons, "1. Trova un punto vicino": typing the number works the same. */
function choiceButtons(choices) {
  return choices.map((choice, index) => {
    const button = element("button", "choice");
    button.type = "button";
    const text = element("span", "choice-label");
    text.append(...labelContent(str(choice.label)));
    button.append(element("span", "choice-number", `${index + 1}.`), " ", text);
    const data = str(choice.id);
    const label = str(choice.label);
    // a double click sends once: the second press waits for the answer to the first
    let sending = false;
    button.addEventListener("click", () => {
      if (sending) return;
      sending = true;
      send({ type: "button", data }, label, { byButton: true }).finally(() => {
        sending = false;
      });
    });
    return button;
  });
}

function buttonGroup(buttons) {
  const group = element("div", "choices");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", TEXT.choices);
  group.append(...buttons);
  return group;
}

function coordinate(value) {
  const number = Number(value);
  return Number.isFinite(number) ? String(Math.round(number * 1e5) / 1e5) : undefined;
}

function venueCard(reply) {
  const card = bubble("bot");
  card.classList.add("msg-venue");
  card.append(element("p", "venue-title", str(reply.title)), element("p", "venue-address", str(reply.address)));
  const lat = coordinate(reply.lat);
  const lon = coordinate(reply.lon);
  if (lat !== undefined && lon !== undefined) {
    const link = element("a", "venue-map");
    link.href = `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
    link.target = "_blank";
    link.rel = "noopener";
    link.append(element("span", "", TEXT.openMap), hidden(TEXT.newTab));
    card.append(link);
  }
  return card;
}

const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const SAFE_MIME = /^[a-z]+\/[a-z0-9.+-]+$/;

function fileCard(reply) {
  const card = bubble("bot", str(reply.caption));
  card.classList.add("msg-file");
  const filename = SAFE_FILENAME.test(reply.filename) ? reply.filename : "file.txt";
  const type = SAFE_MIME.test(reply.mimeType) ? reply.mimeType : "application/octet-stream";
  const blob = new Blob([str(reply.content)], { type });
  const link = element("a", "download");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  const icon = element("span", "icon", "📅");
  icon.setAttribute("aria-hidden", "true");
  // the engine says it in the citizen's language; the page's own words are the fallback
  const label = str(reply.label) || `${TEXT.download} ${filename}`;
  link.append(icon, ` ${label}`);
  card.append(link);
  return card;
}

function locationButton(label) {
  return actionButton(label, "choice-location", shareLocation);
}

/** One reply of the engine as a node; unknown kinds are skipped. */
function render(reply) {
  switch (reply?.kind) {
    case "text":
      return bubble("bot", str(reply.text));
    case "choices": {
      const box = bubble("bot", str(reply.text));
      box.append(buttonGroup(choiceButtons(Array.isArray(reply.choices) ? reply.choices : [])));
      return box;
    }
    case "location_request": {
      const box = bubble("bot", str(reply.text));
      box.append(
        buttonGroup([
          locationButton(str(reply.label)),
          ...choiceButtons(Array.isArray(reply.choices) ? reply.choices : []),
        ]),
      );
      return box;
    }
    case "venue":
      return venueCard(reply);
    case "file":
      return fileCard(reply);
    default:
      return undefined;
  }
}

/** A message from the page itself (not the bot): a problem, with a button to try again. */
function note(text, action) {
  const box = bubble("bot", text);
  box.classList.add("msg-note");
  if (action) box.append(buttonGroup([actionButton(action.label, "choice-action", action.run)]));
  show([box]);
  return box;
}

function focusFirstButton(nodes) {
  for (const node of nodes) {
    const button = node.querySelector("button");
    if (button) {
      button.focus({ preventScroll: true });
      return;
    }
  }
}

async function post(payload, options) {
  let response;
  let body;
  try {
    response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      credentials: "same-origin",
      // the page cannot see its (HttpOnly) session cookie: the deep link goes along with every
      // message, and the server uses it only for the one that opens the session
      body: JSON.stringify(
        deepLink && payload.type !== "start" && payload.type !== "resume" ? { ...payload, deepLink } : payload,
      ),
    });
    body = await response.json().catch(() => undefined);
  } catch {
    const box = note(TEXT.offline, retryAction(payload, options));
    if (options.byButton) focusFirstButton([box]);
    return;
  }
  if (response.ok && Array.isArray(body?.replies)) {
    const nodes = body.replies.map(render).filter((node) => node !== undefined);
    show(nodes);
    // Who answered with a button keeps going with buttons; who typed keeps typing.
    if (options.byButton) focusFirstButton(nodes);
    return;
  }
  const message = typeof body?.message === "string" ? body.message : TEXT.generic;
  if (body?.error === "session_missing") {
    note(message, { label: TEXT.restart, run: () => send({ type: "start" }, undefined, { byButton: true }) });
  } else if (response.status === 429 || response.status >= 500) {
    note(message, retryAction(payload, options));
  } else {
    note(message);
  }
}

/** "Riprova" sends the message again, once: pressing it twice does not send it twice. */
function retryAction(payload, options) {
  let used = false;
  return {
    label: TEXT.retry,
    run: () => {
      if (used) return;
      used = true;
      send(payload, undefined, options);
    },
  };
}

/** Sends one message; `echo` is what the citizen sees of it in the log. */
function send(payload, echo, options = {}) {
  if (echo) show([bubble("user", echo)]);
  setBusy(true);
  setStatus(TEXT.typing);
  const job = queue.then(() => post(payload, options)).finally(() => setBusy(false));
  queue = job.catch(() => undefined);
  return job;
}

function shareLocation() {
  const fallback = (text) => {
    setStatus("");
    note(text);
    input.focus();
  };
  if (!("geolocation" in navigator)) return fallback(TEXT.noGeolocation);
  if (!window.isSecureContext) return fallback(TEXT.insecure);
  setStatus(TEXT.locating);
  navigator.geolocation.getCurrentPosition(
    (position) => {
      // About 100 m is enough to find the nearest points, and keeps the exact position private.
      const round = (n) => Math.round(n * 1000) / 1000;
      send(
        { type: "location", lat: round(position.coords.latitude), lon: round(position.coords.longitude) },
        TEXT.locationSent,
        { byButton: true },
      );
    },
    (error) => fallback(error.code === error.PERMISSION_DENIED ? TEXT.denied : TEXT.unavailable),
    { enableHighAccuracy: false, timeout: 20_000, maximumAge: 600_000 },
  );
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (text === "") {
    input.focus();
    return;
  }
  input.value = "";
  send({ type: "text", text }, text);
});

// ---- Messages Sportello sends on its own (reminders, offers, changes) ---------------------------
// They wait on the server while the page is closed; the page asks for them when it opens, every
// INBOX_EVERY_MS while it is visible, and when it becomes visible again. Sending back the id of the
// last one shown acknowledges it (the server forgets it and what came before).
const INBOX_EVERY_MS = 15_000;
let inboxAfter;
let inboxRunning = false;

async function checkInbox() {
  if (inboxRunning || document.hidden) return;
  inboxRunning = true;
  try {
    for (let page = 0; page < 10; page++) {
      const response = await fetch("/api/chat/inbox", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        credentials: "same-origin",
        body: JSON.stringify(inboxAfter ? { after: inboxAfter } : {}),
      });
      if (!response.ok) return;
      const body = await response.json().catch(() => undefined);
      const messages = Array.isArray(body?.messages) ? body.messages : [];
      const fresh = messages.filter((m) => typeof m?.id === "string" && Array.isArray(m.replies));
      if (fresh.length === 0) return;
      show(fresh.flatMap((m) => m.replies.map(render).filter((node) => node !== undefined)));
      inboxAfter = fresh[fresh.length - 1].id;
      // ask once more at once: it acknowledges what was just shown, and brings any newer ones
    }
  } catch {
    // offline for a moment: the next check tries again
  } finally {
    inboxRunning = false;
  }
}

setInterval(checkInbox, INBOX_EVERY_MS);
document.addEventListener("visibilitychange", () => {
  if (!document.hidden) checkInbox();
});

if (!navigator.cookieEnabled) note(TEXT.noCookies);
// a reload goes on where the conversation was; a deep link opens its point; then what came meanwhile
send(deepLink ? { type: "start", payload: deepLink } : { type: "resume" }).then(checkInbox, checkInbox);
