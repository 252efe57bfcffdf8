import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * What a channel serves over HTTP (a webhook, the web chat's page and API). Channels declare
 * routes; app/ composes them into its server. Kept here so that channels never import app/.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void;

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Exact path, or a prefix ending with "/*". */
  path: string;
  handler: Handler;
}
