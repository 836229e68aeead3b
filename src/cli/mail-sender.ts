import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { createMailSender, type SenderLog } from "../mail/sender.js";
import { checkMailTransport, createMailTransport } from "../mail/transport.js";
import { settleEditions } from "../services/editions.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead mail-sender [--lease-seconds N] [--batch N]

Runs only the email sender: it sends what the outbox holds (newsletter editions, confirmations,
staff notifications) over MASTHEAD_SMTP_URL until stopped with Ctrl-C or SIGTERM, which lets the
messages in flight finish. Run it as a process of its own (e.g. on its own core) and set
MASTHEAD_MAIL_SENDER=off for 'masthead serve'; several may run at once, on PostgreSQL or SQLite.

Options:
  --lease-seconds N  how long a claimed row is this sender's (default 120): after a crash its
                     rows wait this long before another sender takes them
  --batch N          rows claimed at a time (default 100)
  -h, --help         show this help
`;

const LEVELS = ["debug", "info", "warn", "error", "silent"];

/** Log lines on stderr, "level: message {details}", from LOG_LEVEL (default info) up. */
function consoleLog(level = process.env.LOG_LEVEL ?? "info"): SenderLog & {
  info(obj: object | string, msg?: string): void;
} {
  const min = Math.max(0, LEVELS.indexOf(level));
  const line = (lvl: string, obj: object | string, msg?: string) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const text = typeof obj === "string" ? obj : `${msg ?? ""} ${JSON.stringify(obj)}`;
    process.stderr.write(`mail-sender ${lvl}: ${text}\n`);
  };
  return {
    info: (obj: object | string, msg?: string) => line("info", obj, msg),
    warn: (obj: object, msg: string) => line("warn", obj, msg),
    error: (obj: object, msg: string) =>
      line("error", { ...obj, err: String((obj as { err?: unknown }).err ?? "") }, msg),
  };
}

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${name} must be a whole number above 0`);
  return n;
};

/** `masthead mail-sender`: the sender alone, until SIGINT/SIGTERM. */
async function run(args: string[], config: Config): Promise<void> {
  let values: { help?: boolean; "lease-seconds"?: string; batch?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        help: { type: "boolean", short: "h" },
        "lease-seconds": { type: "string" },
        batch: { type: "string" },
      },
    }));
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead mail-sender --help'.`);
  }
  if (values.help) {
    process.stdout.write(help);
    return;
  }
  if (!config.mail.smtpUrl)
    throw new CliError(
      "email sending is off: set MASTHEAD_SMTP_URL (e.g. smtp://user:pass@host:587) and MASTHEAD_MAIL_FROM, then start the sender again",
    );
  const leaseMs = positive("--lease-seconds", values["lease-seconds"], 120) * 1000;
  const batchSize = positive("--batch", values.batch, 100);
  const log = consoleLog();
  const store = await openStore(config.database);
  await migrateToLatest(store);
  const transport = createMailTransport(config.mail);
  await checkMailTransport(config.mail, transport, {
    info: (msg) => log.info(msg),
    warn: (obj, msg) => log.warn(obj, msg),
  });
  // A process that only sends stays near 128 MB however long the edition (see memoryBound).
  const sender = createMailSender({
    store,
    config,
    transport,
    log,
    leaseMs,
    batchSize,
    settleEditions: (ids) => settleEditions({ store }, ids),
    memoryBoundBytes: 128 * 1024 * 1024,
  });
  sender.start();
  log.info(`the mail sender runs as ${sender.owner}`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info(`received ${signal}, finishing the messages in flight`);
      await sender.stop();
      await store.close();
      log.info({ ...sender.stats }, "the mail sender stopped");
      resolve();
    };
    process.once("SIGINT", () => void stop("SIGINT"));
    process.once("SIGTERM", () => void stop("SIGTERM"));
  });
}

export const mailSenderCommand = { help, run };
