import { isIP } from "node:net";
import path from "node:path";
import { MastheadError } from "./content/errors.js";

/** Where the data lives: an SQLite file or a PostgreSQL server. */
export type DatabaseConfig = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** The validated configuration, read once at start and passed down. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  /** Public base URL without trailing slash, used in canonical links and feeds. */
  publicUrl: string;
  /**
   * Which peers may tell the reader's address in X-Forwarded-For: `true` any, `false` none, or
   * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal (Fastify's trustProxy).
   */
  trustProxy: boolean | string[];
  /**
   * Whether MASTHEAD_TRUST_PROXY was set. Unset behind a proxy that is not on this machine, every
   * reader has the proxy's address (so the view beacon warns when it sees a private one).
   */
  trustProxySet: boolean;
  /** A view counts at most this many times per address (IPv6: per /64), article and UTC day. */
  viewsPerAddress: number;
  /** View beacons each instance answers per address (IPv6: per /64) and minute; more get 429. */
  viewBeaconsPerMinute: number;
  /** Image worker processes (each runs one image job at a time): MASTHEAD_IMAGE_WORKERS. */
  imageWorkers: number;
  /** Image jobs that may wait for a worker; more get 503: MASTHEAD_IMAGE_QUEUE. */
  imageQueue: number;
  /** Megabytes of rendered pages each instance keeps: MASTHEAD_PAGE_CACHE_MB. */
  pageCacheMb: number;
  /** Email: how messages leave (see docs/EMAIL.md). */
  mail: MailConfig;
}

/** How email is sent; `smtpUrl` null means sending is off and links are only printed. */
export interface MailConfig {
  /** MASTHEAD_SMTP_URL: smtp://user:pass@host:587 (STARTTLS when offered) or smtps://…:465. */
  smtpUrl: string | null;
  /** MASTHEAD_MAIL_FROM: "Name <address>" or an address; required with an SMTP URL. */
  from: { address: string; name: string | null } | null;
  /** MASTHEAD_MAIL_REPLY_TO: where replies go, if not to `from`. */
  replyTo: string | null;
  /** MASTHEAD_MAIL_RATE: messages per second this instance's sender hands to SMTP at most. */
  ratePerSecond: number;
  /** MASTHEAD_SMTP_CONNECTIONS: pooled SMTP connections of this instance's sender. */
  connections: number;
  /**
   * MASTHEAD_MAIL_SENDER=off: this instance queues messages but does not send them (a separate
   * `masthead mail-sender` process does, e.g. on its own core).
   */
  senderEnabled: boolean;
  /** MASTHEAD_BOUNCE_TOKEN: the secret `POST /api/hooks/bounces` requires; null: the hook is off. */
  bounceToken: string | null;
}

/** A configuration value that cannot be used; the message says which and how to fix it. */
export class ConfigError extends MastheadError {
  declare readonly code: "MH_CONFIG_INVALID";
  constructor(message: string) {
    super("MH_CONFIG_INVALID", message);
    this.name = "ConfigError";
  }
}

/** Parses DATABASE_URL: postgres(ql):// for PostgreSQL, anything else (or sqlite:) is an SQLite path. */
export function parseDatabaseUrl(value: string | undefined, dataDir: string): DatabaseConfig {
  if (value === undefined || value.trim() === "")
    return { kind: "sqlite", file: path.join(dataDir, "masthead.db") };
  const v = value.trim();
  if (/^postgres(ql)?:\/\//i.test(v)) {
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      throw new ConfigError(
        `DATABASE_URL is not a valid PostgreSQL URL; expected postgres://user@host:5432/dbname, got '${v}'`,
      );
    }
    if (!url.hostname || url.pathname.length <= 1)
      throw new ConfigError(
        `DATABASE_URL must name a host and a database, e.g. postgres://user@127.0.0.1:5432/masthead; got '${v}'`,
      );
    return { kind: "postgres", url: v };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !v.startsWith("sqlite:") && !v.startsWith("file:"))
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or be an SQLite file path (optionally sqlite: or file:); got '${v}'`,
    );
  const file = v.replace(/^(sqlite|file):(\/\/)?/, "");
  if (file === "") throw new ConfigError("DATABASE_URL names an empty SQLite file path");
  return { kind: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a whole number from 0 to 65535; got '${value}'`);
  return port;
}

function parsePublicUrl(value: string | undefined, host: string, port: number): string {
  if (value === undefined || value.trim() === "")
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new ConfigError(
      `MASTHEAD_URL must be an absolute http(s) URL such as https://news.example.org; got '${value}'`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`MASTHEAD_URL must start with http:// or https://; got '${value}'`);
  return url.href.replace(/\/+$/, "");
}

/** A whole number from `min` to `max`, or `fallback` when unset. */
function parseCount(
  name: string,
  value: string | undefined,
  fallback: number,
  [min, max]: [number, number],
): number {
  if (value === undefined || value.trim() === "") return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got '${value}'`);
  return n;
}

const PROXY_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/** True for an IP address or a CIDR range such as 10.0.0.0/8 or fd00::/8. */
function isAddressOrRange(item: string): boolean {
  const [address = "", prefix, extra] = item.split("/");
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

// The default trusts a reverse proxy on the same machine only: a reader who connects directly
// cannot pick their own address, which views deduplication and rate limits depend on.
function parseTrustProxy(value: string | undefined): boolean | string[] {
  const v = value?.trim().toLowerCase() ?? "";
  if (v === "") return ["loopback"];
  if (v === "true") return true;
  if (v === "false") return false;
  const items = v.split(",").map((s) => s.trim());
  const bad = items.filter((i) => !PROXY_NAMES.has(i) && !isAddressOrRange(i));
  if (bad.length > 0)
    throw new ConfigError(
      `MASTHEAD_TRUST_PROXY must be true, false, or a comma-separated list of addresses, CIDR ranges and loopback, linklocal or uniquelocal (e.g. loopback,10.0.0.0/8); '${bad.join("', '")}' is none of these`,
    );
  return items;
}

/** "Name <address>" or a bare address, as MASTHEAD_MAIL_FROM takes it. */
function parseMailbox(name: string, value: string): { address: string; name: string | null } {
  const v = value.trim();
  const angle = /^(.*)<([^<>\s]+)>$/.exec(v);
  const address = (angle ? angle[2] : v) ?? "";
  const display = angle ? (angle[1] ?? "").trim().replace(/^"(.*)"$/, "$1") : "";
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(address) || /[\r\n]/.test(display))
    throw new ConfigError(
      `${name} must be an address such as news@paper.org or "The Paper <news@paper.org>"; got '${value}'`,
    );
  return { address, name: display === "" ? null : display };
}

/** Reads the MASTHEAD_SMTP_URL family; sending is off (null URL) unless it is set. */
export function parseMailConfig(env: NodeJS.ProcessEnv): MailConfig {
  const raw = env.MASTHEAD_SMTP_URL?.trim() ?? "";
  let smtpUrl: string | null = null;
  if (raw !== "") {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new ConfigError(
        `MASTHEAD_SMTP_URL must be a URL such as smtp://user:password@smtp.example.org:587; got '${raw.replace(/:[^:@/]*@/, ":***@")}'`,
      );
    }
    if ((url.protocol !== "smtp:" && url.protocol !== "smtps:") || url.hostname === "")
      throw new ConfigError(
        `MASTHEAD_SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS) and name a host; got '${url.protocol}//${url.hostname}'`,
      );
    smtpUrl = raw;
  }
  const fromRaw = env.MASTHEAD_MAIL_FROM?.trim() ?? "";
  if (smtpUrl !== null && fromRaw === "")
    throw new ConfigError(
      'MASTHEAD_MAIL_FROM is required with MASTHEAD_SMTP_URL: the sender address, e.g. "The Paper <news@paper.org>"',
    );
  const replyRaw = env.MASTHEAD_MAIL_REPLY_TO?.trim() ?? "";
  const sender = env.MASTHEAD_MAIL_SENDER?.trim().toLowerCase() ?? "";
  if (sender !== "" && sender !== "on" && sender !== "off")
    throw new ConfigError(`MASTHEAD_MAIL_SENDER must be on or off; got '${sender}'`);
  const bounceToken = env.MASTHEAD_BOUNCE_TOKEN?.trim() ?? "";
  if (bounceToken !== "" && bounceToken.length < 16)
    throw new ConfigError(
      "MASTHEAD_BOUNCE_TOKEN must be at least 16 characters (a random secret, e.g. from `openssl rand -hex 24`)",
    );
  return {
    smtpUrl,
    from: fromRaw === "" ? null : parseMailbox("MASTHEAD_MAIL_FROM", fromRaw),
    replyTo: replyRaw === "" ? null : parseMailbox("MASTHEAD_MAIL_REPLY_TO", replyRaw).address,
    ratePerSecond: parseCount("MASTHEAD_MAIL_RATE", env.MASTHEAD_MAIL_RATE, 200, [1, 100_000]),
    connections: parseCount(
      "MASTHEAD_SMTP_CONNECTIONS",
      env.MASTHEAD_SMTP_CONNECTIONS,
      5,
      [1, 100],
    ),
    senderEnabled: sender !== "off",
    bounceToken: bounceToken === "" ? null : bounceToken,
  };
}

/** The domain of this publication's Message-IDs: the From address's, else the site's host. */
export function mailDomain(config: Pick<Config, "mail" | "publicUrl">): string {
  const from = config.mail.from?.address;
  return from
    ? from.slice(from.lastIndexOf("@") + 1).toLowerCase()
    : new URL(config.publicUrl).hostname;
}

/** Reads and checks the configuration from environment variables. Throws ConfigError on a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = parsePort(env.PORT);
  const host = env.HOST?.trim() || "127.0.0.1";
  const dataDir = path.resolve(env.MASTHEAD_DATA_DIR?.trim() || "data");
  return {
    port,
    host,
    dataDir,
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    publicUrl: parsePublicUrl(env.MASTHEAD_URL, host, port),
    trustProxy: parseTrustProxy(env.MASTHEAD_TRUST_PROXY),
    trustProxySet: (env.MASTHEAD_TRUST_PROXY?.trim() ?? "") !== "",
    viewsPerAddress: parseCount(
      "MASTHEAD_VIEWS_PER_ADDRESS",
      env.MASTHEAD_VIEWS_PER_ADDRESS,
      10,
      [1, 1_000_000],
    ),
    viewBeaconsPerMinute: parseCount(
      "MASTHEAD_VIEW_BEACONS_PER_MINUTE",
      env.MASTHEAD_VIEW_BEACONS_PER_MINUTE,
      120,
      [1, 1_000_000],
    ),
    imageWorkers: parseCount("MASTHEAD_IMAGE_WORKERS", env.MASTHEAD_IMAGE_WORKERS, 1, [1, 16]),
    imageQueue: parseCount("MASTHEAD_IMAGE_QUEUE", env.MASTHEAD_IMAGE_QUEUE, 4, [0, 1000]),
    pageCacheMb: parseCount("MASTHEAD_PAGE_CACHE_MB", env.MASTHEAD_PAGE_CACHE_MB, 64, [1, 65_536]),
    mail: parseMailConfig(env),
  };
}
