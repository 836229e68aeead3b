// The real `masthead` command as a person runs it, built, for the CLI tests.
import { type ExecFileException, execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// The built command starts in about a second; through tsx it took more than two, and the CLI
// tests start it a few hundred times. `npm test` builds before the suite runs.
const CLI = path.resolve("dist/cli/main.js");

/** Node's arguments to run `masthead <args>` from the build; throws when there is no build. */
export function cliArgs(args: string[]): string[] {
  if (!existsSync(CLI))
    throw new Error(`${CLI} does not exist: run \`npm run build\` first (npm test does)`);
  return [CLI, ...args];
}

/** What a run of the command printed and how it ended. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `masthead <args>` on the SQLite publication in `dataDir`; never rejects. */
export function masthead(args: string[], dataDir: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      cliArgs(args),
      {
        env: { PATH: process.env.PATH, MASTHEAD_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
        timeout: 60_000,
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
