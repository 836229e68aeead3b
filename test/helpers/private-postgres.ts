// A PostgreSQL server of the test's own, in a temporary folder on a free port, that the test may
// stop and start (the shared server at MASTHEAD_TEST_PG_URL serves every other test file and must
// never be stopped). Uses the machine's server binaries; initdb refuses to run as root, so as root
// the server runs as the `postgres` account, in a folder that account owns.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

/** A private server: its URL, and stop/start that keep its data and port. */
export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** The postmaster's process id while it runs. */
  pid(): Promise<number | undefined>;
  /** Stops it at once, as a crash or a pulled plug would (`pg_ctl stop -m immediate`). */
  stopImmediately(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it (by PID, whatever state the test left it in) and deletes its folder. */
  destroy(): Promise<void>;
}

/** The folder of the newest installed server's initdb, pg_ctl and postgres. */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new Error(
      `no PostgreSQL server binaries under ${root} (initdb, pg_ctl); the outage test starts a ` +
        "server of its own. Install them: apt-get install -y postgresql",
    );
  return path.join(root, versions[0], "bin");
}

/** The uid and gid of the `postgres` account. */
async function postgresAccount(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    run("id", ["-u", "postgres"]),
    run("id", ["-g", "postgres"]),
  ]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Creates and starts a private server (about a second: no fsync, trust authentication, listening
 * on 127.0.0.1 only, its socket in its own folder).
 * @example const pg = await startPrivatePostgres(); afterAll(() => pg.destroy());
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(tmpdir(), "mh-private-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  if (asRoot) {
    const { uid, gid } = await postgresAccount();
    await chown(dir, uid, gid);
  }
  // As root, every server command runs as the postgres account.
  const pgRun = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args])
      : run(path.join(bin, tool), args);

  await pgRun("initdb", [
    "-D",
    data,
    "-U",
    "postgres",
    "-A",
    "trust",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
    "--no-instructions",
  ]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    // No fsync: a stopped server's writes are still in the OS, which never crashes here. But a
    // commit must reach the OS before it is answered (synchronous_commit stays on): with it off,
    // an immediate stop loses the last commits' WAL, and a test that stops the server right after
    // signing in finds its session gone, as no real server would lose it.
    "-c fsync=off",
    "-c full_page_writes=off",
  ].join(" ");
  const start = async () => {
    await pgRun("pg_ctl", [
      "-D",
      data,
      "-o",
      options,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "start",
    ]);
  };
  const pid = async () => {
    try {
      const first = (await readFile(path.join(data, "postmaster.pid"), "utf8")).split("\n")[0];
      const n = Number(first);
      return Number.isInteger(n) && n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  };
  await start();

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    pid,
    start,
    stopImmediately: async () => {
      await pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    destroy: async () => {
      const running = await pid();
      if (running !== undefined) {
        // SIGQUIT is PostgreSQL's immediate shutdown; the postmaster takes its children along.
        try {
          process.kill(running, "SIGQUIT");
        } catch {
          // Already gone.
        }
        await exited(running, 10_000);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Waits, polling, until process `pid` is gone; SIGKILL after `deadlineMs`. */
async function exited(pid: number, deadlineMs: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = Date.now() + deadlineMs;
  while (alive()) {
    if (Date.now() > until) {
      process.kill(pid, "SIGKILL");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
