// The promise of the outbox: `masthead mail-sender` killed with SIGKILL mid-edition and started
// again delivers the edition to every subscriber, and only the messages in flight at the kill
// arrive twice, with the same Message-ID. Runs the built command (npm run build).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../src/config.js";
import type { Store } from "../../src/store/index.js";
import { cliArgs, masthead } from "../helpers/cli.js";
import { DATABASES } from "../helpers/databases.js";
import { type SmtpSink, startSmtpSink, waitForMails } from "../helpers/smtp-sink.js";
import { seedEdition, statusCounts } from "./seed.js";

const RECIPIENTS = 300;
const BATCH = 20;

function startSender(database: DatabaseConfig, dataDir: string, sink: SmtpSink) {
  const child = spawn(
    process.execPath,
    cliArgs(["mail-sender", "--lease-seconds", "2", "--batch", String(BATCH)]),
    {
      env: {
        PATH: process.env.PATH ?? "",
        LOG_LEVEL: "warn",
        MASTHEAD_DATA_DIR: dataDir,
        DATABASE_URL: database.kind === "postgres" ? database.url : database.file,
        MASTHEAD_URL: "https://paper.test",
        MASTHEAD_SMTP_URL: sink.url,
        MASTHEAD_MAIL_FROM: "The Paper <news@paper.test>",
        MASTHEAD_MAIL_RATE: "150",
        MASTHEAD_SMTP_CONNECTIONS: "4",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, exited, output: () => output };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(DATABASES)("mail-sender killed mid-edition on $name", (database) => {
  let store: Store;
  let config: DatabaseConfig;
  let sink: SmtpSink;
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    ({ store, config } = await database.openShared());
    sink = await startSmtpSink();
    dataDir = await mkdtemp(path.join(tmpdir(), "mh-crash-"));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await sink?.close();
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("delivers to everyone after kill -9 and a restart; only in-flight messages twice", async () => {
    const editionId = await seedEdition(store, RECIPIENTS, "crash");
    const isEdition = (m: { subject: string | undefined }) =>
      m.subject === "This week: the harbour";

    const first = startSender(config, dataDir, sink);
    children.push(first.child);
    // Mid-batch: 110 is not a multiple of the batch size.
    await waitForMails(sink, isEdition, 110, 30_000);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe(null);
    const atKill = sink.messages.filter(isEdition).length;
    expect(atKill).toBeLessThan(RECIPIENTS);

    const second = startSender(config, dataDir, sink);
    children.push(second.child);
    await eventually(async () => {
      const addresses = new Set(sink.messages.filter(isEdition).map((m) => m.envelope.to[0]));
      return addresses.size === RECIPIENTS;
    }, 40_000);
    await eventually(async () => (await statusCounts(store)).sent === RECIPIENTS, 10_000);
    second.child.kill("SIGTERM");
    expect(await second.exited, second.output()).toBe(0);

    const got = sink.messages.filter(isEdition);
    const byAddress = new Map<string, Set<string | undefined>>();
    for (const m of got) {
      const to = m.envelope.to[0] as string;
      byAddress.set(to, (byAddress.get(to) ?? new Set()).add(m.messageId));
    }
    expect(byAddress.size).toBe(RECIPIENTS);
    // A resent message keeps its Message-ID: one id per address.
    for (const ids of byAddress.values()) expect(ids.size).toBe(1);
    const duplicates = got.length - RECIPIENTS;
    // Only the batch in flight at the kill can come twice.
    expect(duplicates).toBeLessThanOrEqual(BATCH);
    // The kill came mid-batch: some did come twice, which is what the lease allows.
    expect(duplicates).toBeGreaterThan(0);
    const edition = await store.db
      .selectFrom("editions")
      .select(["status", "sent_at"])
      .where("id", "=", editionId)
      .executeTakeFirstOrThrow();
    expect(edition.status).toBe("sent");
    console.info(`${database.name}: ${atKill} delivered before the kill, ${duplicates} twice`);
  }, 90_000);
});

describe("mail-sender without SMTP", () => {
  it("exits with a clear message", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "mh-nosmtp-"));
    const run = await masthead(["mail-sender"], dir);
    await rm(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/email sending is off: set MASTHEAD_SMTP_URL/);
  });
});
