import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { buildServer } from "../server.js";
import { migrateToLatest, openStore } from "../store/reads.js";
import { CliError, usageError } from "./output.js";

const help = `Usage: masthead serve

Serves the public site on HOST:PORT (default 127.0.0.1:3000) until stopped with Ctrl-C or
SIGTERM. Pending database migrations are applied first.

Options:
  -h, --help   show this help
`;

/** `masthead serve`: migrate, listen, and shut down gracefully on SIGINT/SIGTERM. */
async function run(args: string[], config: Config): Promise<void> {
  try {
    parseArgs({ args, options: { help: { type: "boolean", short: "h" } } });
  } catch (error) {
    throw usageError(`${(error as Error).message}. Run 'masthead serve --help'.`);
  }
  const store = await openStore(config.database);
  await migrateToLatest(store);
  const app = await buildServer({ config, store, logLevel: process.env.LOG_LEVEL ?? "info" });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`received ${signal}, shutting down`);
    await app.close();
    await store.close();
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  try {
    const address = await app.listen({ port: config.port, host: config.host });
    app.log.info(`Masthead is serving ${address} (public URL ${config.publicUrl})`);
  } catch (error) {
    await store.close();
    const e = error as NodeJS.ErrnoException;
    if (e.code === "EADDRINUSE")
      throw new CliError(
        `port ${config.port} on ${config.host} is already in use; set PORT to a free port`,
      );
    if (e.code === "EADDRNOTAVAIL" || e.code === "ENOTFOUND")
      throw new CliError(
        `HOST '${config.host}' is not an address of this machine; set HOST (e.g. 127.0.0.1)`,
      );
    throw error;
  }
}

export const serveCommand = { help, run };
