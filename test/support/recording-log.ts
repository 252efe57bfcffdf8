import type { Log } from "../../core/log.js";

export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

/** A Log that keeps every line (children included), for tests that look at what was logged. */
export function recordingLog(): Log & { lines: LogLine[]; at(level: LogLine["level"]): LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: Record<string, unknown>): Log => {
    const write =
      (level: LogLine["level"]) =>
      (first: Record<string, unknown> | string, second?: string): void => {
        const [fields, message] = typeof first === "string" ? [{}, first] : [first, second ?? ""];
        lines.push({ level, message, fields: { ...bindings, ...fields } });
      };
    return {
      debug: write("debug"),
      info: write("info"),
      warn: write("warn"),
      error: write("error"),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return Object.assign(make({}), { lines, at: (level: LogLine["level"]) => lines.filter((l) => l.level === level) });
}
