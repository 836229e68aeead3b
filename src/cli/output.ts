import { ERROR_CODES, EXIT, isErrorCode, MastheadError } from "../content/errors.js";

/**
 * A command that cannot go on (MH_CLI, exit 1), or was called wrongly (MH_USAGE, exit 2); the
 * catalogue (content/errors.ts) decides the exit, as it does for every other error.
 */
export class CliError extends MastheadError {
  declare readonly code: "MH_CLI" | "MH_USAGE";
  constructor(message: string, code: "MH_CLI" | "MH_USAGE" = "MH_CLI") {
    super(code, message);
    this.name = "CliError";
  }
}

/** A mistake in how the command was called. */
export const usageError = (message: string) => new CliError(message, "MH_USAGE");

/** The exit code for `error`: its code's in the catalogue; anything unforeseen is internal. */
export function exitCodeOf(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  return isErrorCode(code) ? ERROR_CODES[code].cliExit : EXIT.internal;
}

/** Prints an error a person can act on (no stack for our own errors) and sets a non-zero exit code. */
export function failAndExit(error: unknown): void {
  const e = error as {
    code?: string;
    message?: string;
    issues?: { path: string; message: string }[];
  };
  const ours = isErrorCode(e?.code);
  const message = ours ? e.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`masthead: error: ${message}\n`);
  for (const issue of e?.issues ?? [])
    process.stderr.write(`  - ${issue.path || "(root)"}: ${issue.message}\n`);
  process.exitCode = exitCodeOf(error);
}
