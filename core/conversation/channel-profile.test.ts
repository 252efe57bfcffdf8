import { describe, expect, it } from "vitest";
import {
  CHANNEL_PROFILES,
  fitReplies,
  MORE_CHOICES,
  PREVIOUS_CHOICES,
  pageOfChoices,
  profileFor,
} from "./channel-profile.js";
import { translator } from "./i18n.js";
import type { Choice, Reply } from "./reply.js";

const items = (n: number): Choice[] =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: `Scelta ${i + 1}` }));
const back: Choice = { id: "back_", label: "Indietro" };
const paging = (page: number, max = 10) => ({
  max,
  page,
  pinned: (c: Choice) => c.id === "back_",
  more: { id: MORE_CHOICES, label: "Altre scelte" },
  previous: { id: PREVIOUS_CHOICES, label: "Scelte di prima" },
});
const ids = (choices: Choice[]) => choices.map((c) => c.id);

describe("channel profiles", () => {
  it("WhatsApp: at most 10 numbered choices, short labels, no buttons; Telegram and web: buttons", () => {
    expect(profileFor("whatsapp")).toMatchObject({ maxChoices: 10, buttons: false });
    expect(profileFor("whatsapp").labelMax).toBeLessThan(35);
    expect(CHANNEL_PROFILES.telegram.buttons && CHANNEL_PROFILES.web.buttons).toBe(true);
  });

  it("leaves a question that fits as it is", () => {
    expect(pageOfChoices([...items(9), back], paging(3))).toEqual({ choices: [...items(9), back], page: 0 });
  });

  it("pages a longer one: the way back on every page, previous and more as needed, never over the limit", () => {
    const all = [...items(12), back];
    const first = pageOfChoices(all, paging(0));
    expect(ids(first.choices)).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7", MORE_CHOICES, "back_"]);
    const second = pageOfChoices(all, paging(1));
    expect(ids(second.choices)).toEqual(["c8", "c9", "c10", "c11", "c12", PREVIOUS_CHOICES, "back_"]);
    // a page past the end is the last one
    expect(pageOfChoices(all, paging(9)).page).toBe(1);
    for (const page of [0, 1]) expect(pageOfChoices(all, paging(page)).choices.length).toBeLessThanOrEqual(10);
    // a middle page has both
    const middle = pageOfChoices(items(30), paging(1));
    expect(ids(middle.choices).slice(-2)).toEqual([PREVIOUS_CHOICES, MORE_CHOICES]);
    expect(middle.choices).toHaveLength(10);
  });

  it("WhatsApp: adds how to answer and how to share a position in the citizen's language; short labels", () => {
    const replies: Reply[] = [
      { kind: "text", text: "Ciao" },
      {
        kind: "choices",
        text: "E ora?",
        choices: [{ id: "1.a", label: "Un'etichetta molto lunga per una riga di WhatsApp", short: "Etichetta" }],
      },
      { kind: "location_request", text: "Dove?", label: "📍", choices: [] },
    ];
    const [text, question, where] = fitReplies(replies, profileFor("whatsapp"), translator("en"));
    expect(text).toEqual(replies[0]);
    expect(question).toMatchObject({ hint: "Reply with the number.", choices: [{ id: "1.a", label: "Etichetta" }] });
    expect(where).toMatchObject({ howToShare: translator("en")("whatsapp.shareLocation") });
    expect(where).not.toHaveProperty("hint"); // no choices, nothing to number
    // Telegram keeps its buttons and full labels (within 40), and gets no hint
    const [, onTelegram] = fitReplies(replies, profileFor("telegram"), translator("it"));
    expect(onTelegram).not.toHaveProperty("hint");
    expect((onTelegram as { choices: Choice[] }).choices[0]?.label).toBe("Etichetta"); // 48 > 40: short there too
  });
});
