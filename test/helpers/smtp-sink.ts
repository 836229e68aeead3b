// A real SMTP server on 127.0.0.1 for the email tests: every message it accepts is parsed with
// mailparser and kept with its envelope, so a test checks what a mail client would see. A test
// can make it misbehave for one recipient (or all, "*") the ways real servers do: refuse with a
// 5xx, defer with a 4xx, hang until the client times out, or drop the connection mid-message.
import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

/** A message the sink accepted, parsed. */
export interface SunkMail {
  /** MAIL FROM and RCPT TO as the client sent them. */
  envelope: { from: string; to: string[] };
  /** The Message-ID header with its angle brackets, e.g. "<id@paper.org>". */
  messageId: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  /** The HTML part, or undefined when the message had none. */
  html: string | undefined;
  /** Header lookup by lower-case name; values as mailparser gives them. */
  header(name: string): string | undefined;
  parsed: ParsedMail;
  raw: Buffer;
  receivedAt: number;
}

/** How the sink answers a recipient: see `SmtpSink.rule`. */
export type SinkBehaviour =
  /** 550 at RCPT TO: a permanent refusal. */
  | "reject"
  /** 451 at RCPT TO: a temporary one. */
  | "defer"
  /** No answer at RCPT TO: the client's socket timeout ends it. */
  | "hang"
  /** The connection is cut after part of the message's data arrived. */
  | "drop";

interface Rule {
  behaviour: SinkBehaviour;
  /** How many more times it applies; Infinity: until cleared. */
  left: number;
}

/** A running sink. */
export interface SmtpSink {
  host: string;
  port: number;
  /** smtp://127.0.0.1:<port>, for MASTHEAD_SMTP_URL (no TLS, no auth). */
  url: string;
  /** Every accepted message, in arrival order. */
  messages: SunkMail[];
  /** RCPT TO attempts per address (lower case), accepted or not. */
  attempts: Map<string, number>;
  /** Emits "mail" (SunkMail) for each accepted message. */
  events: EventEmitter;
  /**
   * Makes the sink answer `address` (or every address: "*") with `behaviour`, `times` times
   * (default: until cleared); null clears it.
   */
  rule(address: string, behaviour: SinkBehaviour | null, times?: number): void;
  /** Messages whose RCPT TO included `address`. */
  to(address: string): SunkMail[];
  /** Stops listening and cuts open connections. */
  close(): Promise<void>;
}

/** Starts a sink on a free port of 127.0.0.1. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SunkMail[] = [];
  const attempts = new Map<string, number>();
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const rules = new Map<string, Rule>();
  // Sessions told to drop at DATA (by RCPT TO of a "drop" address).
  const dropping = new Set<string>();
  const sockets = new Set<Socket>();

  const take = (address: string): SinkBehaviour | null => {
    const rule = rules.get(address) ?? rules.get("*");
    if (!rule || rule.left <= 0) return null;
    rule.left -= 1;
    return rule.behaviour;
  };

  const smtpError = (message: string, code: number): Error =>
    Object.assign(new Error(message), { responseCode: code });

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // Many messages in a row on one pooled connection.
    maxClients: 200,
    size: 50 * 1024 * 1024,
    onRcptTo(address, session: SMTPServerSession, callback) {
      const to = address.address.toLowerCase();
      attempts.set(to, (attempts.get(to) ?? 0) + 1);
      switch (take(to)) {
        case "reject":
          return callback(smtpError(`5.1.1 <${to}>: mailbox unavailable`, 550));
        case "defer":
          return callback(smtpError(`4.2.0 <${to}>: try again later`, 451));
        case "hang":
          return; // never answered
        case "drop":
          dropping.add(session.id);
          return callback();
        default:
          return callback();
      }
    },
    onData(stream, session, callback) {
      if (dropping.has(session.id)) {
        dropping.delete(session.id);
        const connection = [...server.connections].find((c) => c.id === session.id);
        stream.once("data", () => connection?._socket.destroy());
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        simpleParser(raw).then(
          (parsed) => {
            const mail: SunkMail = {
              envelope,
              messageId: parsed.messageId,
              subject: parsed.subject,
              text: parsed.text,
              html: parsed.html === false ? undefined : parsed.html,
              header(name) {
                const line = parsed.headerLines.find((h) => h.key === name.toLowerCase());
                return line ? line.line.slice(line.line.indexOf(":") + 1).trim() : undefined;
              },
              parsed,
              raw,
              receivedAt: Date.now(),
            };
            messages.push(mail);
            callback();
            events.emit("mail", mail);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on("error", () => {}); // a client cut off mid-command is expected here
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  const address = server.server.address();
  if (typeof address !== "object" || !address) throw new Error("smtp sink: no address");
  const port = address.port;

  return {
    host: "127.0.0.1",
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    attempts,
    events,
    rule(addr, behaviour, times = Number.POSITIVE_INFINITY) {
      const key = addr === "*" ? "*" : addr.toLowerCase();
      if (behaviour === null) rules.delete(key);
      else rules.set(key, { behaviour, left: times });
    },
    to(addr) {
      const key = addr.toLowerCase();
      return messages.filter((m) => m.envelope.to.some((t) => t.toLowerCase() === key));
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * Resolves with the first message (already arrived or arriving) that `predicate` accepts; rejects
 * after `timeoutMs` naming how many messages did arrive.
 */
export function waitForMail(
  sink: SmtpSink,
  predicate: (mail: SunkMail) => boolean,
  timeoutMs = 10_000,
): Promise<SunkMail> {
  return waitForMails(sink, predicate, 1, timeoutMs).then((found) => found[0] as SunkMail);
}

/** Resolves when `count` messages that `predicate` accepts have arrived (all of them, in order). */
export function waitForMails(
  sink: SmtpSink,
  predicate: (mail: SunkMail) => boolean,
  count: number,
  timeoutMs = 10_000,
): Promise<SunkMail[]> {
  const found = sink.messages.filter(predicate);
  if (found.length >= count) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const onMail = (mail: SunkMail) => {
      if (!predicate(mail)) return;
      found.push(mail);
      if (found.length >= count) {
        clearTimeout(timer);
        sink.events.off("mail", onMail);
        resolve(found);
      }
    };
    const timer = setTimeout(() => {
      sink.events.off("mail", onMail);
      reject(
        new Error(
          `smtp sink: ${found.length} of ${count} awaited messages in ${timeoutMs} ms (${sink.messages.length} arrived in all)`,
        ),
      );
    }, timeoutMs);
    sink.events.on("mail", onMail);
  });
}
