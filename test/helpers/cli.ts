// The real `masthead` command as a person types it (tsx, no build needed), for the CLI tests.
import { type ExecFileException, execFile } from "node:child_process";
import path from "node:path";

const MAIN = path.resolve("src/cli/main.ts");

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
      ["--import", "tsx", MAIN, ...args],
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
