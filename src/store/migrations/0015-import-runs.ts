import type { Kysely, Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";

/**
 * Imports started from the admin app (see src/store/import-runs.ts): kept in the database, not
 * in the process that runs them, so the report outlives a restart and every instance can show a
 * run's progress. `heartbeat_at` is how a run whose process died is told from a slow one.
 */
export function importRunsMigration({ columnTypes: t }: DialectAdapter): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("import_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("file_size", "bigint", (c) => c.notNull())
        // The uploaded file's name under imports/uploads/: runs of one file share it.
        .addColumn("upload_id", "text", (c) => c.notNull())
        .addColumn("options", t.json, (c) => c.notNull())
        // queued, running, done, failed
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("progress", t.json)
        .addColumn("report", t.json)
        .addColumn("error_code", "text")
        .addColumn("error", "text")
        // No foreign key: accounts are disabled, never deleted, and a run's record stays anyway.
        .addColumn("started_by", "text")
        .addColumn("started_at", t.timestamp, (c) => c.notNull())
        .addColumn("heartbeat_at", t.timestamp, (c) => c.notNull())
        .addColumn("finished_at", t.timestamp)
        .execute();
      await db.schema
        .createIndex("import_runs_started_at")
        .on("import_runs")
        .column("started_at")
        .execute();
      await db.schema
        .createIndex("import_runs_status")
        .on("import_runs")
        .column("status")
        .execute();
    },
  };
}
