import { describe, expect, it } from "vitest";
import { CAPTION, formatOutgoingText, MESSAGE_TEXT } from "./message-text.js";
import { applyParseMode } from "./parse-mode.js";

describe("parse modes", () => {
  it("HTML: tags become entities, entities are decoded, pre/code carries the language", () => {
    expect(
      applyParseMode(
        '<b>Ciao</b> &lt;<i>tu</i>&gt; <a href="https://example.org">link</a> <pre><code class="language-ts">x</code></pre> &#127881;',
        "HTML",
      ),
    ).toEqual({
      text: "Ciao <tu> link x 🎉",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 6, length: 2 },
        { type: "text_link", offset: 10, length: 4, url: "https://example.org/" },
        { type: "pre", offset: 15, length: 1, language: "ts" },
      ],
    });
    expect(() => applyParseMode("<b>x", "HTML")).toThrow(
      "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    );
    expect(() => applyParseMode("<b>x</i>", "HTML")).toThrow(
      /Unmatched end tag at byte offset 4, expected "<\/b>", found "<\/i>"/,
    );
  });

  it("MarkdownV2: formatting, escapes, links, code and blockquotes; reserved characters must be escaped", () => {
    expect(applyParseMode("*bold* _it_ __u__ ~s~ ||sp|| `c\\`` [a](https://x.org) 1\\.", "MarkdownV2")).toEqual({
      text: "bold it u s sp c` a 1.",
      entities: [
        { type: "bold", offset: 0, length: 4 },
        { type: "italic", offset: 5, length: 2 },
        { type: "underline", offset: 8, length: 1 },
        { type: "strikethrough", offset: 10, length: 1 },
        { type: "spoiler", offset: 12, length: 2 },
        { type: "code", offset: 15, length: 2 },
        { type: "text_link", offset: 18, length: 1, url: "https://x.org/" },
      ],
    });
    expect(applyParseMode(">citata\n>due\nfuori", "MarkdownV2")).toEqual({
      text: "citata\ndue\nfuori",
      entities: [{ type: "blockquote", offset: 0, length: 10 }],
    });
    expect(() => applyParseMode("*aperto", "MarkdownV2")).toThrow("Can't find end of Bold entity at byte offset 0");
    expect(() => applyParseMode("a-b", "MarkdownV2")).toThrow("Character '-' is reserved");
  });

  it("legacy Markdown", () => {
    expect(applyParseMode("*b* _i_ `c` [t](http://x.org) \\_", "Markdown")).toEqual({
      text: "b i c t _",
      entities: [
        { type: "bold", offset: 0, length: 1 },
        { type: "italic", offset: 2, length: 1 },
        { type: "code", offset: 4, length: 1 },
        { type: "text_link", offset: 6, length: 1, url: "http://x.org/" },
      ],
    });
    expect(() => applyParseMode("*b", "Markdown")).toThrow("Can't find end of the entity starting at byte offset 0");
  });

  it("outgoing text is trimmed, detects commands/URLs/mentions, and counts characters, not UTF-16 units", () => {
    expect(
      formatOutgoingText(
        "  Vai su https://example.org, oppure /help o @sportello_bot  ",
        undefined,
        undefined,
        MESSAGE_TEXT,
      ),
    ).toEqual({
      text: "Vai su https://example.org, oppure /help o @sportello_bot",
      entities: [
        { type: "url", offset: 7, length: 19 },
        { type: "bot_command", offset: 35, length: 5 },
        { type: "mention", offset: 43, length: 14 },
      ],
    });
    expect(formatOutgoingText("😀".repeat(4096), undefined, undefined, MESSAGE_TEXT).text).toHaveLength(8192);
    expect(() => formatOutgoingText("😀".repeat(4097), undefined, undefined, MESSAGE_TEXT)).toThrow(
      "message is too long",
    );
    expect(formatOutgoingText("", undefined, undefined, CAPTION)).toEqual({ text: "", entities: [] });
    expect(() => formatOutgoingText("x".repeat(1025), undefined, undefined, CAPTION)).toThrow(
      "message caption is too long",
    );
    expect(() => formatOutgoingText("x", "Klingon", undefined, MESSAGE_TEXT)).toThrow(
      "Bad Request: unsupported parse_mode",
    );
  });
});
