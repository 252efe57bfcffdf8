import { badRequest, conflict } from "../errors.js";
import { optBool, optInt, optString } from "../params.js";
import { Described, type MethodHandler } from "../state.js";

/** getUpdates (long polling) and the webhook methods. */
export const updateMethods: Record<string, MethodHandler> = {
  getUpdates: ({ state, params, signal }) => {
    if (state.webhook.active) {
      throw conflict(
        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    return state.updates.poll({
      offset: optInt(params, "offset"),
      limit: optInt(params, "limit"),
      timeout: optInt(params, "timeout"),
      allowedUpdates: params.allowed_updates,
      signal,
    });
  },

  setWebhook: ({ state, params }) => {
    const url = optString(params, "url") ?? "";
    if (url === "") return removeWebhook(state, optBool(params, "drop_pending_updates"));
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
    }
    // Telegram demands HTTPS on ports 80, 88, 443 or 8443; the fake also takes plain HTTP on any port so that
    // tests can serve the webhook locally.
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
      throw badRequest("bad webhook: An HTTPS URL must be provided for webhook");
    }
    const secretToken = optString(params, "secret_token");
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) {
      throw badRequest("secret token contains unallowed characters");
    }
    const maxConnections = optInt(params, "max_connections") ?? 40;
    if (maxConnections < 1 || maxConnections > 100)
      throw badRequest("bad webhook: max_connections must be between 1 and 100");
    const previous = state.webhook.active;
    if (optBool(params, "drop_pending_updates")) state.updates.dropAll();
    state.updates.setAllowedUpdates(params.allowed_updates);
    const unchanged =
      previous?.url === url && previous.secretToken === secretToken && previous.maxConnections === maxConnections;
    state.webhook.set({ url, maxConnections, ...(secretToken === undefined ? {} : { secretToken }) });
    return new Described(true, unchanged ? "Webhook is already set" : "Webhook was set");
  },

  deleteWebhook: ({ state, params }) => removeWebhook(state, optBool(params, "drop_pending_updates")),

  getWebhookInfo: ({ state }) => state.webhook.info(),
};

function removeWebhook(state: Parameters<MethodHandler>[0]["state"], dropPending: boolean): Described {
  const wasSet = state.webhook.active !== undefined;
  state.webhook.remove();
  if (dropPending) state.updates.dropAll();
  return new Described(true, wasSet ? "Webhook was deleted" : "Webhook is already deleted");
}
