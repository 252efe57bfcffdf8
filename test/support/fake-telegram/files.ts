import { createHash, randomBytes } from "node:crypto";
import { extname } from "node:path";

export type FileKind = "document" | "photo" | "sticker" | "voice";

/** A file the fake holds: uploaded by the bot or sent by a fake user. */
export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  kind: FileKind;
  bytes: Buffer;
  /** The name the file was uploaded with, if any. */
  filename?: string;
  mimeType?: string;
  /** Path for getFile and the `/file/bot<token>/<path>` download route. */
  file_path: string;
}

/** First bytes of real file ids by kind, so ids look like Telegram's. */
const ID_PREFIX: Record<FileKind, string> = {
  document: "BQACAgQAAxkBAAI",
  photo: "AgACAgQAAxkBAAI",
  sticker: "CAACAgQAAxkBAAI",
  voice: "AwACAgQAAxkBAAI",
};

const FOLDER: Record<FileKind, string> = {
  document: "documents",
  photo: "photos",
  sticker: "stickers",
  voice: "voice",
};

const MIME_TYPES: Record<string, string> = {
  ".ics": "text/calendar",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".csv": "text/csv",
  ".json": "application/json",
  ".html": "text/html",
  ".xml": "application/xml",
  ".zip": "application/zip",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ogg": "audio/ogg",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".doc": "application/msword",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The MIME type Telegram reports for a document: from the file name's extension. */
export function mimeTypeFor(filename: string, declared?: string): string | undefined {
  if (declared && declared !== "application/octet-stream") return declared;
  return MIME_TYPES[extname(filename).toLowerCase()] ?? declared;
}

export class FileStore {
  private readonly byId = new Map<string, StoredFile>();
  private readonly byPath = new Map<string, StoredFile>();
  private count = 0;

  add(kind: FileKind, bytes: Buffer, meta: { filename?: string; mimeType?: string } = {}): StoredFile {
    this.count++;
    const ext = meta.filename
      ? extname(meta.filename)
      : { photo: ".jpg", sticker: ".webp", voice: ".oga", document: "" }[kind];
    const file: StoredFile = {
      file_id: ID_PREFIX[kind] + randomBytes(36).toString("base64url"),
      // Same bytes, same unique id: like Telegram, which keys it on the file itself.
      file_unique_id: `AgAD${createHash("sha256").update(bytes).digest("base64url").slice(0, 12)}`,
      kind,
      bytes,
      ...(meta.filename === undefined ? {} : { filename: meta.filename }),
      ...(meta.mimeType === undefined ? {} : { mimeType: meta.mimeType }),
      file_path: `${FOLDER[kind]}/file_${this.count}${ext}`,
    };
    this.byId.set(file.file_id, file);
    this.byPath.set(file.file_path, file);
    return file;
  }

  get(fileId: string): StoredFile | undefined {
    return this.byId.get(fileId);
  }

  atPath(path: string): StoredFile | undefined {
    return this.byPath.get(path);
  }
}
