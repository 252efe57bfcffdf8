import { badRequest } from "./errors.js";
import type { UploadedFile } from "./multipart.js";

/** Parameters of one call after normalisation: numbers, booleans and JSON objects typed, uploads resolved. */
export type CallParams = Record<string, unknown>;

type Kind = "int" | "float" | "bool" | "json" | "chat";

/**
 * How the Bot API types the fields the fake knows. Form and multipart bodies carry strings only
 * (grammY sends objects as JSON text), so these are coerced, like Telegram's server does.
 */
const FIELD_KINDS: Record<string, Kind> = {
  chat_id: "chat",
  from_chat_id: "chat",
  message_id: "int",
  message_thread_id: "int",
  reply_to_message_id: "int",
  offset: "int",
  limit: "int",
  timeout: "int",
  max_connections: "int",
  cache_time: "int",
  live_period: "int",
  heading: "int",
  proximity_alert_radius: "int",
  latitude: "float",
  longitude: "float",
  horizontal_accuracy: "float",
  disable_notification: "bool",
  protect_content: "bool",
  show_alert: "bool",
  drop_pending_updates: "bool",
  allow_sending_without_reply: "bool",
  disable_content_type_detection: "bool",
  disable_web_page_preview: "bool",
  allow_paid_broadcast: "bool",
  show_caption_above_media: "bool",
  reply_markup: "json",
  entities: "json",
  caption_entities: "json",
  allowed_updates: "json",
  commands: "json",
  scope: "json",
  link_preview_options: "json",
  reply_parameters: "json",
};

/** Fields that may carry a file: an `attach://<part>` reference, or the file part itself. */
export const FILE_FIELDS = [
  "document",
  "photo",
  "audio",
  "video",
  "voice",
  "animation",
  "video_note",
  "sticker",
  "thumbnail",
  "certificate",
] as const;

const JSON_ERRORS: Record<string, string> = {
  reply_markup: "can't parse reply keyboard markup JSON object",
  entities: "can't parse entities JSON object",
  caption_entities: "can't parse caption entities JSON object",
};

/**
 * Turns raw request values (JSON body, query string, form fields) plus multipart files into typed parameters.
 * File fields become the {@link UploadedFile} they point at.
 */
export function normaliseParams(raw: Record<string, unknown>, files: Map<string, UploadedFile>): CallParams {
  const params: CallParams = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const kind = FIELD_KINDS[key];
    params[key] = kind === undefined || typeof value !== "string" ? value : coerce(key, kind, value);
  }
  for (const field of FILE_FIELDS) {
    const value = params[field];
    if (typeof value === "string" && value.startsWith("attach://")) {
      const file = files.get(value.slice("attach://".length));
      if (!file) throw badRequest(`wrong file identifier/HTTP URL specified`);
      params[field] = file;
    } else if (value === undefined && files.has(field)) {
      params[field] = files.get(field);
    }
  }
  return params;
}

function coerce(key: string, kind: Kind, value: string): unknown {
  switch (kind) {
    case "chat":
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case "int":
      return /^-?\d+$/.test(value) ? Number(value) : value;
    case "float": {
      const n = Number(value);
      return value.trim() !== "" && Number.isFinite(n) ? n : value;
    }
    case "bool":
      if (value === "true" || value === "1" || value === "True") return true;
      if (value === "false" || value === "0" || value === "" || value === "False") return false;
      return value;
    case "json":
      try {
        return JSON.parse(value);
      } catch {
        throw badRequest(JSON_ERRORS[key] ?? `can't parse ${key} JSON object`);
      }
  }
}

export function isUpload(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && Buffer.isBuffer((value as UploadedFile).bytes);
}

// ---- Accessors used by method handlers ----

export function optString(params: CallParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  throw badRequest(`field "${name}" must be of type String`);
}

export function reqString(params: CallParams, name: string, missing = `${name} is empty`): string {
  const value = optString(params, name);
  if (value === undefined || value === "") throw badRequest(missing);
  return value;
}

export function optInt(params: CallParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw badRequest(`field "${name}" must be of type Integer`);
}

export function reqInt(params: CallParams, name: string, missing = `${name} is empty`): number {
  const value = optInt(params, name);
  if (value === undefined) throw badRequest(missing);
  return value;
}

export function optFloat(params: CallParams, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  throw badRequest(`field "${name}" must be of type Number`);
}

export function optBool(params: CallParams, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (typeof value === "boolean") return value;
  throw badRequest(`field "${name}" must be of type Boolean`);
}
