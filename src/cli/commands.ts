// The `masthead` command's subcommands, as a table: main.ts dispatches on it and the tests
// enumerate it (test/cli/command-events.test.ts checks each write command's change events).
import type { Config } from "../config.js";

/** A subcommand: its help text and what it does with its arguments. */
export interface Command {
  help: string;
  run(args: string[], config: Config): Promise<void>;
}

// Each command's modules load only when it runs: `import` then does not carry the whole server
// (and its memory) along, and `--help` starts at once.
/** Every subcommand by name, loaded on demand. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import("./serve.js")).serveCommand,
  init: async () => (await import("./init.js")).initCommand,
  user: async () => (await import("./user.js")).userCommand,
  import: async () => (await import("./import.js")).importCommand,
  export: async () => (await import("./export.js")).exportCommand,
  restore: async () => (await import("./restore.js")).restoreCommand,
  backup: async () => (await import("./backup.js")).backupCommand,
  "mail-sender": async () => (await import("./mail-sender.js")).mailSenderCommand,
};
