import type { ServerResponse } from "node:http";
import type { Handler } from "../../bots/http/route.js";
import { isSportelloError } from "../../core/errors.js";
import type { Log } from "../../core/log.js";
import { monthlyReport, reportJson } from "../../core/monitoring/report-service.js";
import type { MonitoringSettings } from "../../core/monitoring/settings.js";
import type { CoreDeps } from "../../core/ports.js";
import { isUuid } from "../../core/validation.js";

export const MONITORING_REPORT_PATH = "/admin/monitoring/report";

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * GET /admin/monitoring/report?month=YYYY-MM[&point=<point id or code>]: the same figures and
 * progress as `npm run report`, as JSON (the admin routes put it behind ADMIN_TOKEN).
 */
export function monitoringReportHandler(options: {
  core: Pick<CoreDeps, "repos" | "clock" | "timeZone">;
  settings: Pick<MonitoringSettings, "project">;
  /** Resolves a point code to its id (the CLI takes codes too). */
  pointIdOf: (given: string) => Promise<string | null>;
  log: Log;
}): Handler {
  return async (_req, res, url) => {
    const month = url.searchParams.get("month") ?? "";
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      json(res, 400, { error: "month_invalid", message: "month must be YYYY-MM" });
      return;
    }
    const given = url.searchParams.get("point");
    let pointId: string | undefined;
    if (given !== null) {
      const found = given.length <= 100 ? await options.pointIdOf(given) : null;
      if (!found || !isUuid(found)) {
        json(res, 404, { error: "point_unknown", message: "no such point" });
        return;
      }
      pointId = found;
    }
    try {
      const report = await monthlyReport(options.core, options.settings, { month, ...(pointId ? { pointId } : {}) });
      json(res, 200, reportJson(report));
    } catch (error) {
      if (isSportelloError(error) && error.code === "validation") {
        json(res, 400, { error: "invalid", message: error.message });
        return;
      }
      options.log.error({ err: error }, "admin: monitoring report failed");
      json(res, 500, { error: "internal" });
    }
  };
}
