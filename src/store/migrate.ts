import { Migrator } from "kysely";
import { MastheadError } from "../content/errors.js";
import { adapterFor } from "./dialect/index.js";
import { buildMigrations } from "./migrations/index.js";
import type { Store } from "./store.js";

/**
 * Brings the schema up to date; does nothing when it already is. Safe to run from several
 * instances at once (Kysely's migration lock). Throws MastheadError 'MH_MIGRATION_FAILED'.
 */
export async function migrateToLatest(store: Store): Promise<void> {
  const adapter = adapterFor(store.dialect);
  const migrations = buildMigrations(adapter);
  // Migrations live in code, not files, so the same list runs from src/ (tsx, vitest) and dist/.
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await adapter.duringMigrations(store.db, () =>
    migrator.migrateToLatest(),
  );
  if (error === undefined) return;
  const failed = results?.find((r) => r.status === "Error")?.migrationName;
  const reason = error instanceof Error ? error.message : String(error);
  throw new MastheadError(
    "MH_MIGRATION_FAILED",
    failed
      ? `database migration '${failed}' failed: ${reason}. Nothing of it was applied; fix the cause and start again`
      : `database migrations could not start: ${reason}`,
    { cause: error },
  );
}
