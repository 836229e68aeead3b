/** A command that cannot go on; `exitCode` 2 marks a mistake in how it was called. */
export class CliError extends Error {
  readonly code = "MH_CLI";
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** A mistake in how the command was called. */
export const usageError = (message: string) => new CliError(message, 2);

/** Prints an error a person can act on (no stack for our own errors) and sets a non-zero exit code. */
export function failAndExit(error: unknown): void {
  const e = error as {
    code?: string;
    message?: string;
    issues?: { path: string; message: string }[];
  };
  const ours = typeof e?.code === "string" && e.code.startsWith("MH_");
  const message = ours ? e.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`masthead: error: ${message}\n`);
  for (const issue of e?.issues ?? [])
    process.stderr.write(`  - ${issue.path || "(root)"}: ${issue.message}\n`);
  process.exitCode = error instanceof CliError ? error.exitCode : 1;
}
