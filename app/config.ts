import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { z } from "zod";
import { trustedProxyList } from "../bots/http/client-address.js";
import type { BookingPolicy } from "../core/booking/policy.js";
import { SportelloError } from "../core/errors.js";
import { type MessagingPolicy, parseReminderOffsets } from "../core/messaging/policy.js";
import { createKeyRing, type KeyRing } from "../core/monitoring/identifier-crypto.js";
import type { MonitoringSettings } from "../core/monitoring/settings.js";
import { isLocalDate } from "../core/time/local-date.js";
import { isLocalTime } from "../core/time/local-time.js";
import type { WorkerSettings } from "../workers/worker-settings.js";

/**
 * The only place that reads the environment. `loadConfig` is called once at start-up; everything
 * else receives the parsed `Config` object.
 */

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(emptyToUndefined, schema.prefault(fallback as never));

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ["true", "false", "1", "0", "yes", "no", "on", "off"].includes(v), {
    message: 'must be "true" or "false"',
  })
  .transform((v) => ["true", "1", "yes", "on"].includes(v));

const port = z.coerce
  .number({ message: "must be a whole number" })
  .int("must be a whole number")
  .min(0, "must be between 0 (any free port) and 65535")
  .max(65535, "must be between 0 (any free port) and 65535");

const urlWithProtocols = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL like ${example}` },
    );

const timeZone = z
  .string()
  .trim()
  .refine(
    (v) => {
      try {
        new Intl.DateTimeFormat("it-IT", { timeZone: v });
        return true;
      } catch {
        return false;
      }
    },
    { message: "must be an IANA time zone such as Europe/Rome" },
  );

const reminderOffsets = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (["off", "none", "no"].includes(value.toLowerCase())) return [];
    try {
      return parseReminderOffsets(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `must be durations like "1d,2h" or "off": ${(error as Error).message}` });
      return z.NEVER;
    }
  });

const quietHours = z
  .string()
  .trim()
  .transform((value, ctx) => {
    if (["off", "none", "no"].includes(value.toLowerCase())) return null;
    const [start, end, ...rest] = value.split("-").map((v) => v.trim());
    if (rest.length > 0 || !isLocalTime(start) || !isLocalTime(end) || start === end) {
      ctx.addIssue({ code: "custom", message: 'must be a range like "21:00-08:00", or "off"' });
      return z.NEVER;
    }
    return { start, end };
  });

const whole = (min: number, max: number) =>
  z.coerce
    .number({ message: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** "127.0.0.1, 10.0.0.0/8, ::1": the proxies whose X-Forwarded-For is believed. */
const proxyList = z
  .string()
  .transform((v) =>
    v
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  )
  .superRefine((entries, ctx) => {
    try {
      trustedProxyList(entries);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `must list IP addresses or CIDR ranges: ${(error as Error).message}` });
    }
  });

/** "k2026:base64,k2025:base64": the identifier encryption keys by id (32 bytes each). */
const keyList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const keys: Record<string, string> = {};
    for (const entry of value.split(",").map((part) => part.trim())) {
      const colon = entry.indexOf(":");
      const id = colon > 0 ? entry.slice(0, colon) : "";
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(id) || Object.hasOwn(keys, id)) {
        ctx.addIssue({ code: "custom", message: 'must list distinct "id:base64" pairs separated by commas' });
        return z.NEVER;
      }
      keys[id] = entry.slice(colon + 1);
    }
    return keys;
  });

const base64Secret = z
  .string()
  .trim()
  .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, "base64").length >= 32, {
    message: "must be at least 32 random bytes in base64 (openssl rand -base64 32)",
  })
  .transform((v) => Buffer.from(v.replace(/-/g, "+").replace(/_/g, "/"), "base64"));

const localDate = z
  .string()
  .trim()
  .refine((v) => isLocalDate(v), { message: "must be a date YYYY-MM-DD" });

const schema = z
  .object({
    NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
    HOST: withDefault(z.string().trim().min(1), "127.0.0.1"),
    PORT: withDefault(port, 3000),
    PUBLIC_URL: optional(urlWithProtocols(["https:"], "https://sportello.example.org")),
    DATABASE_URL: optional(urlWithProtocols(["postgres:", "postgresql:"], "postgresql://user:password@host:5432/db")),
    EMBEDDED_DB_DIR: withDefault(z.string().trim().min(1), ".data/pglite"),
    REDIS_URL: withDefault(urlWithProtocols(["redis:", "rediss:"], "redis://127.0.0.1:6379"), "redis://127.0.0.1:6379"),
    REDIS_PREFIX: withDefault(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.:-]{1,60}$/, "must be 1-60 letters, digits, ':', '.', '_' or '-'"),
      "sportello",
    ),
    TIME_ZONE: withDefault(timeZone, "Europe/Rome"),
    LOG_LEVEL: withDefault(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]), "info"),
    LOG_FORMAT: withDefault(z.enum(["auto", "pretty", "json"]), "auto"),
    DEMO_SEED: withDefault(booleanFlag, "true"),
    WEB_CHAT_ENABLED: withDefault(booleanFlag, "true"),
    WEB_CHAT_NEW_SESSIONS_PER_HOUR: withDefault(z.coerce.number().int().min(1).max(100_000), 60),
    WEB_CHAT_MESSAGES_PER_MINUTE: withDefault(z.coerce.number().int().min(10).max(100_000), 300),
    TRUSTED_PROXY: withDefault(proxyList, ""),
    TELEGRAM_BOT_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^\d{5,}:[A-Za-z0-9_-]{30,}$/, "does not look like a token from @BotFather (digits:letters)"),
    ),
    TELEGRAM_API_ROOT: withDefault(
      urlWithProtocols(["http:", "https:"], "https://api.telegram.org"),
      "https://api.telegram.org",
    ),
    BOOKING_MIN_NOTICE_MINUTES: withDefault(z.coerce.number().int().min(0).max(10080), 120),
    BOOKING_HORIZON_DAYS: withDefault(z.coerce.number().int().min(1).max(365), 30),
    BOOKING_MAX_OPEN: withDefault(z.coerce.number().int().min(1).max(50), 3),
    BOOKING_CHANGE_MIN_NOTICE_MINUTES: withDefault(z.coerce.number().int().min(0).max(10080), 60),
    WAITLIST_OFFER_MINUTES: withDefault(z.coerce.number().int().min(5).max(1440), 120),
    TELEGRAM_WEBHOOK_SECRET: optional(
      z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16-256 letters, digits, '_' or '-'"),
    ),
    WORKERS: withDefault(booleanFlag, "on"),
    ADMIN_TOKEN: optional(
      z
        .string()
        .trim()
        .regex(/^[\x21-\x7e]{24,256}$/, "must be 24-256 printable characters without spaces (a long random secret)"),
    ),
    REMINDER_OFFSETS: withDefault(reminderOffsets, "1d,2h"),
    REMINDER_QUIET_HOURS: withDefault(quietHours, "21:00-08:00"),
    TELEGRAM_BOT_USERNAME: optional(
      z
        .string()
        .trim()
        .regex(/^@?[A-Za-z][A-Za-z0-9_]{3,31}$/, "must be the bot's username, e.g. SportelloBot")
        .transform((v) => v.replace(/^@/, "")),
    ),
    FACILITATOR_ESCALATION_HOURS: withDefault(whole(1, 72), 3),
    MORNING_AGENDA_TIME: withDefault(
      z
        .string()
        .trim()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM")
        .refine((v) => !v.startsWith("02:"), "must not be between 02:00 and 03:00 (the spring DST gap)"),
      "07:30",
    ),
    WORKER_CONCURRENCY: withDefault(whole(1, 200), 16),
    TELEGRAM_MAX_PER_SECOND: withDefault(whole(1, 1000), 30),
    TELEGRAM_CHAT_GAP_MS: withDefault(whole(1000, 60_000), 1000),
    TELEGRAM_RETRY_MAX_DELAY_SECONDS: withDefault(whole(0, 60), 5),
    MESSAGE_LEASE_SECONDS: withDefault(whole(30, 3600), 120),
    MESSAGE_ATTEMPTS: withDefault(whole(1, 20), 5),
    MESSAGE_LOOKAHEAD_MINUTES: withDefault(whole(2, 24 * 60), 10),
    RECONCILE_EVERY_MINUTES: withDefault(whole(1, 60), 2),
    DISPATCH_EVERY_MS: withDefault(whole(100, 60_000), 1000),
    SHUTDOWN_TIMEOUT_SECONDS: withDefault(whole(1, 300), 10),
    WHATSAPP_ENABLED: withDefault(booleanFlag, "false"),
    WHATSAPP_SESSION: withDefault(
      z
        .string()
        .trim()
        .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "must be 1-40 lowercase letters, digits, '_' or '-'"),
      "default",
    ),
    WHATSAPP_SEND_INTERVAL_MS: withDefault(
      z.coerce
        .number()
        .int("must be a whole number")
        .min(250, "must be at least 250")
        .max(60_000, "must be at most 60000"),
      1_000,
    ),
    WHATSAPP_SEND_JITTER_MS: withDefault(
      z.coerce.number().int("must be a whole number").min(0, "must be at least 0").max(60_000, "must be at most 60000"),
      1_500,
    ),
    WHATSAPP_BRAKE_MINUTES: withDefault(
      z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(1440, "must be at most 1440"),
      15,
    ),
    WHATSAPP_LOG_LEVEL: withDefault(z.enum(["silent", "error", "warn", "info", "debug"]), "warn"),
    WHATSAPP_PUSH_WAIT_SECONDS: withDefault(whole(1, 600), 30),
    MONITORING_KEYS: optional(keyList),
    MONITORING_CURRENT_KEY: optional(
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_-]{1,32}$/, "must be a key id of MONITORING_KEYS"),
    ),
    MONITORING_HASH_KEY: optional(base64Secret),
    MONITORING_PROJECT_START: withDefault(localDate, "2022-01-01"),
    MONITORING_PROJECT_END: withDefault(localDate, "2026-12-31"),
    MONITORING_AN1: withDefault(z.string().trim().min(1).max(60), "ND"),
    MONITORING_AN2: withDefault(z.string().trim().min(1).max(60), "ND"),
    MONITORING_MINORS_ENABLED: withDefault(booleanFlag, "false"),
    MONITORING_EXPORT_DOCUMENT_ONLY: withDefault(booleanFlag, "false"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production") {
      for (const name of ["MONITORING_KEYS", "MONITORING_HASH_KEY"] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({ code: "custom", path: [name], message: "is required in production (see .env.example)" });
        }
      }
    }
    if (env.MONITORING_PROJECT_START >= env.MONITORING_PROJECT_END) {
      ctx.addIssue({
        code: "custom",
        path: ["MONITORING_PROJECT_END"],
        message: "must come after MONITORING_PROJECT_START",
      });
    }
    if (env.MONITORING_KEYS) {
      const current = env.MONITORING_CURRENT_KEY ?? Object.keys(env.MONITORING_KEYS)[0] ?? "";
      try {
        createKeyRing(current, env.MONITORING_KEYS);
      } catch (error) {
        const path = Object.hasOwn(env.MONITORING_KEYS, current) ? "MONITORING_KEYS" : "MONITORING_CURRENT_KEY";
        ctx.addIssue({ code: "custom", path: [path], message: `is not usable: ${(error as Error).message}` });
      }
    } else if (env.MONITORING_CURRENT_KEY) {
      ctx.addIssue({ code: "custom", path: ["MONITORING_CURRENT_KEY"], message: "needs MONITORING_KEYS" });
    }
    if (env.TELEGRAM_BOT_TOKEN && env.PUBLIC_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["TELEGRAM_WEBHOOK_SECRET"],
        message: "is required when PUBLIC_URL and TELEGRAM_BOT_TOKEN are set (webhook mode)",
      });
    }
    if (env.RECONCILE_EVERY_MINUTES >= env.MESSAGE_LOOKAHEAD_MINUTES) {
      ctx.addIssue({
        code: "custom",
        path: ["RECONCILE_EVERY_MINUTES"],
        message: `must be shorter than MESSAGE_LOOKAHEAD_MINUTES (${env.MESSAGE_LOOKAHEAD_MINUTES}), or a restored job could come late`,
      });
    }
    if (env.WHATSAPP_PUSH_WAIT_SECONDS >= env.MESSAGE_LEASE_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["WHATSAPP_PUSH_WAIT_SECONDS"],
        message: `must be shorter than MESSAGE_LEASE_SECONDS (${env.MESSAGE_LEASE_SECONDS}), or a waiting message could be claimed twice`,
      });
    }
    const longestSend =
      (TELEGRAM_TIMEOUT_SECONDS + env.TELEGRAM_RETRY_MAX_DELAY_SECONDS) * (TELEGRAM_RETRY_ATTEMPTS + 1);
    if (env.MESSAGE_LEASE_SECONDS <= longestSend) {
      ctx.addIssue({
        code: "custom",
        path: ["MESSAGE_LEASE_SECONDS"],
        message: `must be longer than the longest send (${longestSend} s with TELEGRAM_RETRY_MAX_DELAY_SECONDS=${env.TELEGRAM_RETRY_MAX_DELAY_SECONDS})`,
      });
    }
  });

/** One Bot API call of a pushed message gives up after this long. */
export const TELEGRAM_TIMEOUT_SECONDS = 20;
/** Flood waits one pushed message may wait in place (each at most TELEGRAM_RETRY_MAX_DELAY_SECONDS). */
export const TELEGRAM_RETRY_ATTEMPTS = 2;

/** Variables whose value must never be echoed back in an error message. */
const SECRET_VARIABLES = new Set([
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
  "DATABASE_URL",
  "REDIS_URL",
  "ADMIN_TOKEN",
  "MONITORING_KEYS",
  "MONITORING_HASH_KEY",
]);

/**
 * Outside production, without MONITORING_KEYS / MONITORING_HASH_KEY, fixed development keys
 * (public, in this file): a fresh clone runs, and production refuses to start without real ones.
 */
const DEVELOPMENT_KEY = createHash("sha256").update("sportello development identifier key").digest();
const DEVELOPMENT_HASH_KEY = createHash("sha256").update("sportello development person key").digest();

function monitoringSettings(env: Env): { settings: MonitoringSettings; developmentKeys: boolean } {
  let ring: KeyRing;
  if (env.MONITORING_KEYS) {
    ring = createKeyRing(env.MONITORING_CURRENT_KEY ?? Object.keys(env.MONITORING_KEYS)[0] ?? "", env.MONITORING_KEYS);
  } else {
    ring = createKeyRing("dev", { dev: DEVELOPMENT_KEY });
  }
  return {
    settings: {
      protection: { ring, hashKey: env.MONITORING_HASH_KEY ?? DEVELOPMENT_HASH_KEY },
      project: { start: env.MONITORING_PROJECT_START, end: env.MONITORING_PROJECT_END },
      an1: env.MONITORING_AN1,
      an2: env.MONITORING_AN2,
      minorsEnabled: env.MONITORING_MINORS_ENABLED,
      exportDocumentOnly: env.MONITORING_EXPORT_DOCUMENT_ONLY,
    },
    developmentKeys: !env.MONITORING_KEYS || !env.MONITORING_HASH_KEY,
  };
}

type Env = z.output<typeof schema>;

export interface Config {
  env: Env["NODE_ENV"];
  http: {
    host: string;
    port: number;
    publicUrl: string | undefined;
    /** Proxies whose X-Forwarded-For names the client (IPs or CIDR ranges); empty: the socket's peer is the client. */
    trustedProxies: string[];
  };
  database: { url: string | undefined; embeddedDir: string };
  redis: { url: string; prefix: string };
  timeZone: string;
  booking: BookingPolicy;
  log: { level: Env["LOG_LEVEL"]; format: Env["LOG_FORMAT"] };
  demoSeed: boolean;
  webChat: {
    enabled: boolean;
    /** Per client address (see http.trustedProxies). */
    newSessionsPerHour: number;
    messagesPerMinute: number;
  };
  telegram: {
    token: string | undefined;
    apiRoot: string;
    webhookSecret: string | undefined;
    /** The bot's username, for the invite links facilitator:invite prints. */
    botUsername: string | undefined;
    /** Flood waits up to this long are waited inside a send job. */
    retryMaxDelaySeconds: number;
  };
  messaging: MessagingPolicy;
  /** Whether `npm start` runs the workers too (WORKERS=off: channels and HTTP only). */
  workersEnabled: boolean;
  workers: WorkerSettings;
  /** Bull Board and /metrics are served only with a token. */
  admin: { token: string | undefined };
  whatsapp: {
    enabled: boolean;
    /** Which linked number (session) this process serves. */
    session: string;
    /** The number's outbox: least gap between two messages, random extra, brake on 429/463. */
    sending: { intervalMs: number; jitterMs: number; brakeFactor: number; brakeMs: number };
    /** Baileys' own log level (its messages pass through our scrubbed log). */
    logLevel: Env["WHATSAPP_LOG_LEVEL"];
    /** A pushed message waits this long for the number (connected, not braked) before going back to the queue. */
    pushWaitMs: number;
  };
  /** Identifier keys, project dates, export rules (core/monitoring/settings.ts). */
  monitoring: MonitoringSettings;
  /** True when the public development keys are in use (never in production). */
  monitoringDevelopmentKeys: boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Parses an environment into a Config, or throws one error listing every bad variable. */
export function parseConfig(environment: Environment): Config {
  const result = schema.safeParse(environment);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? "environment");
      const raw = environment[name];
      const shown = raw === undefined || SECRET_VARIABLES.has(name) ? "" : ` (got "${raw.slice(0, 60)}")`;
      return `  - ${name} ${issue.message}${shown}`;
    });
    throw new SportelloError({
      code: "config_invalid",
      message: `Invalid configuration, start-up stopped:\n${lines.join("\n")}\nSee .env.example for every variable.`,
      details: { variables: result.error.issues.map((i) => String(i.path[0])) },
    });
  }
  const env = result.data;
  const monitoring = monitoringSettings(env);
  return {
    monitoring: monitoring.settings,
    monitoringDevelopmentKeys: monitoring.developmentKeys,
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL, trustedProxies: env.TRUSTED_PROXY },
    database: { url: env.DATABASE_URL, embeddedDir: env.EMBEDDED_DB_DIR },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    timeZone: env.TIME_ZONE,
    booking: {
      minNoticeMinutes: env.BOOKING_MIN_NOTICE_MINUTES,
      horizonDays: env.BOOKING_HORIZON_DAYS,
      maxOpenBookings: env.BOOKING_MAX_OPEN,
      changeMinNoticeMinutes: env.BOOKING_CHANGE_MIN_NOTICE_MINUTES,
      waitlistOfferMinutes: env.WAITLIST_OFFER_MINUTES,
    },
    log: { level: env.LOG_LEVEL, format: env.LOG_FORMAT },
    demoSeed: env.DEMO_SEED,
    webChat: {
      enabled: env.WEB_CHAT_ENABLED,
      newSessionsPerHour: env.WEB_CHAT_NEW_SESSIONS_PER_HOUR,
      messagesPerMinute: env.WEB_CHAT_MESSAGES_PER_MINUTE,
    },
    telegram: {
      token: env.TELEGRAM_BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      webhookSecret: env.TELEGRAM_WEBHOOK_SECRET,
      botUsername: env.TELEGRAM_BOT_USERNAME,
      retryMaxDelaySeconds: env.TELEGRAM_RETRY_MAX_DELAY_SECONDS,
    },
    messaging: {
      reminderOffsets: env.REMINDER_OFFSETS,
      quietHours: env.REMINDER_QUIET_HOURS,
      escalationHours: env.FACILITATOR_ESCALATION_HOURS,
    },
    workersEnabled: env.WORKERS,
    workers: {
      concurrency: env.WORKER_CONCURRENCY,
      telegramPerSecond: env.TELEGRAM_MAX_PER_SECOND,
      telegramChatGapMs: env.TELEGRAM_CHAT_GAP_MS,
      leaseMs: env.MESSAGE_LEASE_SECONDS * 1000,
      attempts: env.MESSAGE_ATTEMPTS,
      lookaheadMs: env.MESSAGE_LOOKAHEAD_MINUTES * 60_000,
      reconcileEveryMs: env.RECONCILE_EVERY_MINUTES * 60_000,
      dispatchEveryMs: env.DISPATCH_EVERY_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
      timeZone: env.TIME_ZONE,
      morningAgendaTime: env.MORNING_AGENDA_TIME,
    },
    admin: { token: env.ADMIN_TOKEN },
    whatsapp: {
      enabled: env.WHATSAPP_ENABLED,
      session: env.WHATSAPP_SESSION,
      sending: {
        intervalMs: env.WHATSAPP_SEND_INTERVAL_MS,
        jitterMs: env.WHATSAPP_SEND_JITTER_MS,
        brakeFactor: 4,
        brakeMs: env.WHATSAPP_BRAKE_MINUTES * 60_000,
      },
      logLevel: env.WHATSAPP_LOG_LEVEL,
      pushWaitMs: env.WHATSAPP_PUSH_WAIT_SECONDS * 1000,
    },
  };
}

/** Reads `.env` (if present) into the process environment, then parses it. Call once. */
export function loadConfig(envFile = ".env"): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
