import { InputFile } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./fake-telegram.js";
import { fakeUser } from "./fake-user.js";
import { botFor, type PollingBot, startPolling } from "./grammy-harness.js";
import { startFakeTelegram } from "./server.js";

let fake: FakeTelegram;
let polling: PollingBot | undefined;

beforeEach(async () => {
  fake = await startFakeTelegram();
});

afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await fake.close();
});

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "BEGIN:VEVENT",
  "SUMMARY:Facilitazione digitale – è già prenotata",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("files, locations and venues", () => {
  it("sendDocument with InputFile(Buffer, name) arrives as multipart with its bytes, name and MIME type", async () => {
    const bot = botFor(fake);
    bot.command("ics", (ctx) =>
      ctx.replyWithDocument(new InputFile(Buffer.from(ICS, "utf8"), "prenotazione.ics"), {
        caption: "Il tuo <b>appuntamento</b>",
        parse_mode: "HTML",
      }),
    );
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await alice.command("ics");
    const reply = await alice.nextReply();

    expect(reply.method).toBe("sendDocument");
    const document = reply.message?.document;
    expect(document).toMatchObject({
      file_name: "prenotazione.ics",
      mime_type: "text/calendar",
      file_size: Buffer.byteLength(ICS),
      file_id: expect.stringMatching(/^BQAC/),
      file_unique_id: expect.any(String),
    });
    expect(reply.message?.caption).toBe("Il tuo appuntamento");
    expect(reply.message?.caption_entities).toEqual([{ type: "bold", offset: 7, length: 12 }]);
    const stored = fake.file(document?.file_id ?? "");
    expect(stored?.bytes.toString("utf8")).toBe(ICS);
    expect(stored?.filename).toBe("prenotazione.ics");
    expect(stored?.mimeType).toBe("text/calendar");
  });

  it("getFile gives a path to download the bytes from, and a file_id can be sent again", async () => {
    fake.addChat({ id: 42, type: "private", first_name: "Alice" });
    const bot = botFor(fake);
    const bytes = Buffer.from([0, 1, 2, 250, 13, 10, 255]);
    const sent = await bot.api.sendDocument(42, new InputFile(bytes, "raw.bin"));
    const fileId = sent.document?.file_id ?? "";

    const file = await bot.api.getFile(fileId);
    const response = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);

    const again = await bot.api.sendDocument(42, fileId);
    expect(again.document?.file_unique_id).toBe(sent.document?.file_unique_id);
    await expect(bot.api.sendDocument(42, "not-a-file-id")).rejects.toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
  });

  it("a user's location gets a venue and a location back", async () => {
    const bot = botFor(fake);
    bot.on("message:location", async (ctx) => {
      const { latitude, longitude } = ctx.message.location;
      await ctx.replyWithVenue(45.4742, longitude, "Punto Digitale Centro", "Via Roma 1, Milano");
      await ctx.replyWithLocation(latitude, longitude);
    });
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    const update = await alice.shareLocation(45.4642, 9.19);
    expect(update.message?.location).toEqual({ latitude: 45.4642, longitude: 9.19 });
    const [venue, location] = await alice.waitForReplies({ count: 2 });

    expect(venue?.message?.venue).toEqual({
      location: { latitude: 45.4742, longitude: 9.19 },
      title: "Punto Digitale Centro",
      address: "Via Roma 1, Milano",
    });
    expect(venue?.message?.location).toEqual({ latitude: 45.4742, longitude: 9.19 });
    expect(location?.message?.location).toEqual({ latitude: 45.4642, longitude: 9.19 });
  });

  it("sendChatAction is recorded but is not a reply", async () => {
    const bot = botFor(fake);
    bot.on("message:text", async (ctx) => {
      await ctx.replyWithChatAction("typing");
      await ctx.reply("fatto");
    });
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });
    await alice.say("ciao");
    expect((await alice.waitForReplies()).map((r) => r.method)).toEqual(["sendMessage"]);
    expect(fake.calls("sendChatAction")[0]?.params).toMatchObject({ chat_id: 42, action: "typing" });
    await expect(bot.api.sendChatAction(42, "dancing" as never)).rejects.toMatchObject({
      description: "Bad Request: wrong parameter action in request",
    });
  });
});
