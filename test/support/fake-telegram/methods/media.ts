import { basename } from "node:path";
import type { Document, File, Location } from "grammy/types";
import { badRequest } from "../errors.js";
import { mimeTypeFor, type StoredFile } from "../files.js";
import { CAPTION, formatOutgoingText } from "../message-text.js";
import { deliverBotMessage, type MessageContent, targetChat } from "../outgoing-message.js";
import { isUpload, optFloat, optInt, optString, reqString } from "../params.js";
import type { MethodContext, MethodHandler } from "../state.js";

/** sendLocation, sendVenue, sendDocument and getFile. */
export const mediaMethods: Record<string, MethodHandler> = {
  sendLocation: (ctx) => {
    const chat = targetChat(ctx);
    const location = readLocation(ctx);
    const livePeriod = optInt(ctx.params, "live_period");
    if (livePeriod !== undefined) location.live_period = livePeriod;
    return deliverBotMessage(ctx, chat, { location });
  },

  sendVenue: (ctx) => {
    const chat = targetChat(ctx);
    const location = readLocation(ctx);
    const title = reqString(ctx.params, "title", "venue title is empty");
    const address = reqString(ctx.params, "address", "venue address is empty");
    const venue = { location, title, address } as NonNullable<MessageContent["venue"]>;
    for (const key of ["foursquare_id", "foursquare_type", "google_place_id", "google_place_type"] as const) {
      const value = optString(ctx.params, key);
      if (value !== undefined) venue[key] = value;
    }
    // Telegram sets both `venue` and, for older clients, `location`.
    return deliverBotMessage(ctx, chat, { venue, location });
  },

  sendDocument: async (ctx) => {
    const chat = targetChat(ctx);
    const file = await documentFile(ctx);
    const caption = formatOutgoingText(
      optString(ctx.params, "caption") ?? "",
      optString(ctx.params, "parse_mode"),
      ctx.params.caption_entities,
      CAPTION,
    );
    const document: Document = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      ...(file.filename === undefined ? {} : { file_name: file.filename }),
      ...(file.mimeType === undefined ? {} : { mime_type: file.mimeType }),
      file_size: file.bytes.length,
    };
    return deliverBotMessage(ctx, chat, {
      document,
      ...(caption.text === "" ? {} : { caption: caption.text }),
      ...(caption.entities.length > 0 ? { caption_entities: caption.entities } : {}),
    });
  },

  getFile: (ctx): File => {
    const fileId = reqString(ctx.params, "file_id", "file_id is empty");
    const file = ctx.state.files.get(fileId);
    if (!file) throw badRequest("invalid file_id");
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.bytes.length,
      file_path: file.file_path,
    };
  },
};

function readLocation(ctx: MethodContext): Location {
  const latitude = optFloat(ctx.params, "latitude");
  const longitude = optFloat(ctx.params, "longitude");
  if (latitude === undefined) throw badRequest("latitude is empty");
  if (longitude === undefined) throw badRequest("longitude is empty");
  if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
    throw badRequest("wrong location specified");
  const location: Location = { latitude, longitude };
  const accuracy = optFloat(ctx.params, "horizontal_accuracy");
  if (accuracy !== undefined) location.horizontal_accuracy = accuracy;
  return location;
}

/** The `document` parameter: an upload, the file_id of a known file, or an HTTP URL Telegram downloads. */
async function documentFile(ctx: MethodContext): Promise<StoredFile> {
  const value = ctx.params.document;
  const files = ctx.state.files;
  if (isUpload(value)) {
    const mimeType = mimeTypeFor(value.filename, value.contentType);
    return files.add("document", value.bytes, { filename: value.filename, ...(mimeType ? { mimeType } : {}) });
  }
  if (typeof value !== "string" || value === "") throw badRequest("there is no document in the request");
  const known = files.get(value);
  if (known) return known;
  if (!/^https?:\/\//i.test(value)) throw badRequest("wrong file identifier/HTTP URL specified");
  let response: Response;
  try {
    response = await fetch(value, { signal: ctx.signal });
  } catch {
    throw badRequest("failed to get HTTP URL content");
  }
  if (!response.ok) throw badRequest("failed to get HTTP URL content");
  const bytes = Buffer.from(await response.arrayBuffer());
  const filename = decodeURIComponent(basename(new URL(value).pathname)) || "file";
  const mimeType = mimeTypeFor(filename, response.headers.get("content-type")?.split(";")[0]);
  return files.add("document", bytes, { filename, ...(mimeType ? { mimeType } : {}) });
}
