import { type ExecFileException, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CODES } from "../../src/content/errors.js";
import { cliArgs } from "../helpers/cli.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `masthead` command (built) in a fresh data dir. */
async function masthead(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const dataDir = env.MASTHEAD_DATA_DIR ?? (await mkdtemp(path.join(tmpdir(), "mh-cli-")));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      cliArgs(args),
      {
        env: { PATH: process.env.PATH, MASTHEAD_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...env },
        timeout: 20_000,
      },
      (error: ExecFileException | null, stdout, stderr) =>
        resolve({
          code: typeof error?.code === "number" ? error.code : error ? 1 : 0,
          stdout,
          stderr,
        }),
    );
  });
}

describe("the masthead command", () => {
  it("prints its help and each subcommand's help", async () => {
    const top = await masthead(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Usage: masthead <command>/);
    expect(top.stdout).toMatch(/DATABASE_URL/);
    for (const command of ["serve", "init"]) {
      const help = await masthead([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: masthead ${command}`));
    }
  });

  it("refuses an unknown command or option with exit code 2", async () => {
    const unknown = await masthead(["publish"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'publish'/);
    const option = await masthead(["init", "--demoo"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--demoo/);
  });

  it("initialises an empty database with the demo once, and never twice", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "mh-cli-"));
    const first = await masthead(["init", "--demo"], { MASTHEAD_DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(existsSync(path.join(dataDir, "masthead.db"))).toBe(true);
    const again = await masthead(["init", "--demo"], { MASTHEAD_DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds articles/);
    const ifEmpty = await masthead(["init", "--demo", "--if-empty"], {
      MASTHEAD_DATA_DIR: dataDir,
    });
    expect(ifEmpty.code).toBe(0);
    expect(ifEmpty.stdout).toMatch(/demo not loaded/);
  });

  it.each([
    [
      { DATABASE_URL: "mysql://root@localhost/news" },
      /DATABASE_URL must start with postgres:\/\//,
      "MH_CONFIG_INVALID",
    ],
    [{ PORT: "eighty" }, /PORT must be a whole number/, "MH_CONFIG_INVALID"],
    [
      { DATABASE_URL: "postgres://postgres@127.0.0.1:1/nowhere" },
      /127\.0\.0\.1:1/,
      "MH_DB_UNREACHABLE",
    ],
  ] as const)("stops with a clear error and its code's exit for %o", async (env, message, code) => {
    const run = await masthead(["init"], env);
    expect(run.code).toBe(ERROR_CODES[code].cliExit);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it("reports a port already in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await masthead(["serve"], { PORT: String(port) });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`port ${port} .* already in use`));
    } finally {
      blocker.close();
    }
  });
});
