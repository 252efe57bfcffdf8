import { request } from "node:http";
import type { Choice, Reply } from "../../../core/conversation/reply.js";

export interface ChatAnswer {
  status: number;
  headers: Headers;
  body: { replies?: Reply[]; error?: string; message?: string; field?: string };
}

type Question = Extract<Reply, { choices: Choice[] }>;

/** A citizen's browser seen from the HTTP side: keeps the session cookie like a browser would. */
export function webClient(
  baseUrl: string,
  /** `deepLink`: sent along with every message but start and resume, as the page does when opened with `?start=`. */
  options: { acceptLanguage?: string; headers?: Record<string, string>; deepLink?: string } = {},
) {
  let cookie: string | undefined;
  let question: Question | undefined;
  const withDeepLink = (body: unknown) => {
    const type = (body as { type?: unknown } | null)?.type;
    return options.deepLink && type !== "start" && type !== "resume" && typeof body === "object"
      ? { ...body, deepLink: options.deepLink }
      : body;
  };

  const client = {
    get cookie() {
      return cookie;
    },
    set cookie(value: string | undefined) {
      cookie = value;
    },
    async post(body: unknown, extraHeaders: Record<string, string> = {}): Promise<ChatAnswer> {
      const response = await fetch(`${baseUrl}/api/chat`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(cookie ? { cookie } : {}),
          ...(options.acceptLanguage ? { "accept-language": options.acceptLanguage } : {}),
          ...options.headers,
          ...extraHeaders,
        },
        body: typeof body === "string" ? body : JSON.stringify(withDeepLink(body)),
      });
      const setCookie = response.headers.get("set-cookie");
      // as a browser would: a new value replaces the old one, Max-Age=0 forgets it
      if (setCookie) cookie = /;\s*Max-Age=0(?:;|$)/i.test(setCookie) ? undefined : setCookie.split(";")[0];
      const answer = { status: response.status, headers: response.headers, body: await response.json() };
      const asked = [...(answer.body.replies ?? [])].reverse().find((r): r is Question => "choices" in r);
      question = asked ?? question;
      return answer;
    },
    say: (text: string) => client.post({ type: "text", text }),
    /** Presses the current question's button whose label matches, sending its data unchanged. */
    press(label: string | RegExp): Promise<ChatAnswer> {
      const found = question?.choices.find((c) =>
        typeof label === "string" ? c.label === label : label.test(c.label),
      );
      if (!found) throw new Error(`no button ${label} among: ${question?.choices.map((c) => c.label).join(" | ")}`);
      return client.post({ type: "button", data: found.id });
    },
    buttons: () => question?.choices.map((c) => c.label) ?? [],
    /** The data of the current question's button with this label. */
    buttonData: (label: string) => question?.choices.find((c) => c.label === label)?.id,
    /** The session token in the cookie (what a browser holds), if any. */
    token: () => cookie?.split("=")[1],
  };
  return client;
}

/** All the text of an answer's replies, joined. */
export function textOf(answer: ChatAnswer): string {
  return (answer.body.replies ?? []).map((r) => ("text" in r ? r.text : `[${r.kind}]`)).join("\n");
}

/** A GET with the path sent exactly as written (fetch would resolve "..", this does not). */
export function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: "GET" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}
