/** A failure to answer instead of running a method, like Telegram under flood control or an outage. */
export type InjectedFailure =
  /** 429 `Too Many Requests: retry after N` with `parameters.retry_after` (seconds; default 1). */
  | { status: 429; retryAfter?: number }
  /** 500 `Internal Server Error` as a Bot API JSON error. */
  | { status: 500; description?: string }
  /** 502 Bad Gateway / 504 Gateway Timeout: nginx's HTML page, not JSON, as Telegram's front end answers. */
  | { status: 502 | 504 }
  /** Any other Bot API error, e.g. `{ status: 400, description: "Bad Request: chat not found" }`. */
  | { status: number; description: string };

export interface FailureRule {
  /** Method name (any case), or `*` for every method. */
  method: string;
  remaining: number;
  failure: InjectedFailure;
}

/** An HTTP answer: status, content type and body. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

const NGINX_TITLES: Record<number, string> = { 502: "502 Bad Gateway", 504: "504 Gateway Time-out" };

/** Queue of failures to inject: `failNext("sendMessage", { status: 429, retryAfter: 3 }, 2)`. */
export class FailureInjector {
  private readonly rules: FailureRule[] = [];

  add(method: string, failure: InjectedFailure, times = 1): void {
    this.rules.push({ method: method.toLowerCase(), remaining: times, failure });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The failure to answer for this call, consuming one use, or undefined to run the method. */
  take(method: string): RawAnswer | undefined {
    const name = method.toLowerCase();
    const rule = this.rules.find((r) => r.remaining > 0 && (r.method === name || r.method === "*"));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return render(rule.failure);
  }
}

function render(failure: InjectedFailure): RawAnswer {
  const title = NGINX_TITLES[failure.status];
  if (title !== undefined) {
    return {
      status: failure.status,
      contentType: "text/html",
      body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n`,
    };
  }
  if (failure.status === 429) {
    const retryAfter = "retryAfter" in failure && failure.retryAfter !== undefined ? failure.retryAfter : 1;
    return json(429, {
      ok: false,
      error_code: 429,
      description: `Too Many Requests: retry after ${retryAfter}`,
      parameters: { retry_after: retryAfter },
    });
  }
  const description =
    "description" in failure && failure.description !== undefined
      ? failure.description
      : failure.status === 500
        ? "Internal Server Error"
        : `Error ${failure.status}`;
  return json(failure.status, { ok: false, error_code: failure.status, description });
}

function json(status: number, body: unknown): RawAnswer {
  return { status, contentType: "application/json", body: JSON.stringify(body) };
}
