import { badRequest } from "./errors.js";

/** A file part of a multipart/form-data body. */
export interface UploadedFile {
  /** The form field the part was sent under (for grammY: the random id an `attach://` value points at). */
  field: string;
  filename: string;
  /** The part's Content-Type; grammY always sends `application/octet-stream`. */
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** The `boundary` parameter of a multipart Content-Type, or undefined. */
export function boundaryOf(contentType: string): string | undefined {
  const params = parseHeaderParams(contentType);
  return params.get("boundary");
}

/**
 * Parses a multipart/form-data body (RFC 7578) as leniently as Telegram's server does: header names in any case,
 * optional whitespace around `:` and `;`, quoted or bare parameter values (grammY sends
 * `content-disposition:form-data;name="x";filename=a.ics`, which undici's strict parser refuses),
 * and RFC 5987 `filename*=UTF-8''…`.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files = new Map<string, UploadedFile>();

  let pos = body.indexOf(delimiter);
  if (pos < 0) throw badRequest("can't parse multipart/form-data body: boundary not found");
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--boundary--"
    // Skip transport padding and the CRLF after the delimiter line.
    const lineEnd = body.indexOf(CRLF, pos);
    if (lineEnd < 0) throw badRequest("can't parse multipart/form-data body: truncated part");
    const partStart = lineEnd + CRLF.length;
    const partEnd = body.indexOf(nextDelimiter, partStart);
    if (partEnd < 0) throw badRequest("can't parse multipart/form-data body: missing closing boundary");
    addPart(body.subarray(partStart, partEnd), fields, files);
    pos = partEnd + CRLF.length;
  }
  return { fields, files };
}

function addPart(part: Buffer, fields: Record<string, string>, files: Map<string, UploadedFile>): void {
  const headerEnd = part.indexOf(HEADER_END);
  const headerText = headerEnd < 0 ? part.toString("utf8") : part.subarray(0, headerEnd).toString("utf8");
  const content = headerEnd < 0 ? Buffer.alloc(0) : part.subarray(headerEnd + HEADER_END.length);
  const headers = new Map<string, string>();
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition");
  if (disposition === undefined)
    throw badRequest("can't parse multipart/form-data body: part without Content-Disposition");
  const params = parseHeaderParams(disposition);
  const name = params.get("name");
  if (name === undefined) throw badRequest("can't parse multipart/form-data body: part without a name");
  const filename = params.get("filename*") ?? params.get("filename");
  if (filename === undefined) {
    fields[name] = content.toString("utf8");
    return;
  }
  files.set(name, {
    field: name,
    filename,
    contentType: headers.get("content-type") ?? "application/octet-stream",
    bytes: Buffer.from(content),
  });
}

/** `form-data; name="a"; filename=b.txt` → Map { name → a, filename → b.txt }; keys lowercased. */
export function parseHeaderParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  let i = value.indexOf(";");
  if (i < 0) return params;
  while (i < value.length) {
    i++; // skip ';'
    while (value[i] === " " || value[i] === "\t") i++;
    const eq = value.indexOf("=", i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (value[i] === " " || value[i] === "\t") i++;
    let raw = "";
    if (value[i] === '"') {
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === "\\" && i + 1 < value.length) i++;
        raw += value[i];
        i++;
      }
      i++; // closing quote
      const semi = value.indexOf(";", i);
      i = semi < 0 ? value.length : semi;
    } else {
      const semi = value.indexOf(";", i);
      const end = semi < 0 ? value.length : semi;
      raw = value.slice(i, end).trim();
      i = end;
    }
    params.set(key, key.endsWith("*") ? decodeExtValue(raw) : raw);
  }
  return params;
}

/** RFC 5987: `UTF-8''na%C3%AFve.txt` → `naïve.txt`. */
function decodeExtValue(raw: string): string {
  const match = /^([^']*)'[^']*'(.*)$/.exec(raw);
  if (!match) return raw;
  try {
    return decodeURIComponent(match[2] ?? "");
  } catch {
    return match[2] ?? "";
  }
}
