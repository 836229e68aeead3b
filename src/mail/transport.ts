// How messages leave: a pooled SMTP connection set (nodemailer) made from MASTHEAD_SMTP_URL.
// smtp:// upgrades with STARTTLS whenever the server offers it; smtps:// is TLS from the first
// byte. The pool never retries on its own (maxRequeues 0): the outbox decides what is tried
// again, so a message is retried with its backoff and counted, never silently resent.
import { createTransport } from "nodemailer";
import type { MailConfig } from "../config.js";

/** One message as handed to SMTP. */
export interface OutgoingMail {
  from: { name: string | null; address: string };
  replyTo: string | null;
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string | null;
  /** With its angle brackets: the outbox row's, so a resend keeps it. */
  messageId: string;
  date: Date;
  headers: Record<string, string>;
}

/** An error from SMTP as nodemailer reports it. */
export interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  syscall?: string;
  errno?: number | string;
}

/** A pooled SMTP transport. */
export interface MailTransport {
  /** "host:port", for logs. */
  describe: string;
  /** Sends one message; rejects with an SmtpError. */
  send(mail: OutgoingMail): Promise<void>;
  /** Connects, greets and authenticates once (the start-up check). */
  verify(): Promise<void>;
  /** Closes the pooled connections. */
  close(): void;
}

/** Timeouts of one SMTP conversation; tests shorten them. */
export interface TransportTimeouts {
  connectionMs: number;
  greetingMs: number;
  /** Silence on an open connection (a server that hangs mid-message). */
  socketMs: number;
}

/** The default timeouts: generous enough for a slow relay, short enough to notice a dead one. */
export const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectionMs: 10_000,
  greetingMs: 15_000,
  socketMs: 60_000,
};

/** Where MASTHEAD_SMTP_URL points: "host:port" with the protocol's default port. */
export function smtpEndpoint(smtpUrl: string): { host: string; port: number; secure: boolean } {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
  };
}

/** Creates the pooled transport for `mail` (whose smtpUrl must be set). */
export function createMailTransport(
  mail: MailConfig,
  timeouts: TransportTimeouts = DEFAULT_TIMEOUTS,
): MailTransport {
  if (!mail.smtpUrl) throw new Error("email sending is off: MASTHEAD_SMTP_URL is not set");
  const url = new URL(mail.smtpUrl);
  const { host, port, secure } = smtpEndpoint(mail.smtpUrl);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const transporter = createTransport({
    pool: true,
    host,
    port,
    secure,
    ...(user ? { auth: { user, pass } } : {}),
    maxConnections: mail.connections,
    // A connection is replaced now and then, as relays limit messages per connection.
    maxMessages: 500,
    maxRequeues: 0,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    // Nothing in a message is fetched from a file or URL: the parts are strings.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    describe: `${host}:${port}`,
    async send(m) {
      await transporter.sendMail({
        from: m.from.name ? { name: m.from.name, address: m.from.address } : m.from.address,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        to: m.to.name ? { name: m.to.name, address: m.to.address } : m.to.address,
        subject: m.subject,
        text: m.text,
        ...(m.html !== null ? { html: m.html } : {}),
        messageId: m.messageId,
        date: m.date,
        // Chosen, not detected: nodemailer's per-character scan for the best encoding was the
        // largest single cost of building a message (bench/newsletter-send.mjs --cpu-prof).
        textEncoding: "quoted-printable",
        headers: m.headers,
      });
    },
    async verify() {
      await transporter.verify();
    },
    close() {
      transporter.close();
    },
  };
}

/** Where the start-up check logs. */
export interface TransportLog {
  info(msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The start-up check: says whether email is on and, when it is, whether the SMTP server answers
 * and accepts the credentials. A failure is a warning, not a crash: the outbox keeps every
 * message until the server can be reached.
 */
export async function checkMailTransport(
  mail: MailConfig,
  transport: MailTransport | undefined,
  log: TransportLog,
): Promise<"off" | "on" | "unverified"> {
  if (!mail.smtpUrl || !transport) {
    log.info(
      "email sending is off: set MASTHEAD_SMTP_URL (e.g. smtp://user:pass@host:587) and MASTHEAD_MAIL_FROM to send; links are printed meanwhile",
    );
    return "off";
  }
  try {
    await transport.verify();
    log.info(`email sending is on via ${transport.describe}`);
    return "on";
  } catch (error) {
    const e = error as SmtpError;
    log.warn(
      { err: { message: e.message, code: e.code, responseCode: e.responseCode } },
      `email sending is on via ${transport.describe}, but the SMTP server did not accept the check (${e.message}); messages stay queued until it does`,
    );
    return "unverified";
  }
}
