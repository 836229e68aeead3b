// People, sections and tags of any platform's export, matched to what earlier runs made: found
// by source id, else by slug (a re-created category, an existing tag), else created.
import { createHash, randomUUID } from "node:crypto";
import type { ImportedRecord } from "../store/index.js";
import type { ImportReport } from "./report.js";

/** How to find, create and update one kind of record. */
export interface UpsertHow {
  find(): Promise<string | undefined>;
  create(): Promise<string>;
  update(id: string): Promise<void>;
}

/** Upserts records and collects the source ids to record in the same transaction. */
export interface Upserter {
  /** The Masthead id of the record for `sourceId`, created or updated as needed (counted). */
  upsert(
    kind: "person" | "section" | "tag",
    sourceId: string,
    input: unknown,
    earlier: ImportedRecord | undefined,
    how: UpsertHow,
  ): Promise<string>;
  /** What to pass to recordImported once every record is upserted. */
  readonly records: ImportedRecord[];
}

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/** An upserter that counts in `report` and, in a dry run, writes nothing. */
export function createUpserter(report: ImportReport, dryRun: boolean): Upserter {
  const records: ImportedRecord[] = [];
  return {
    records,
    async upsert(kind, sourceId, input, earlier, how) {
      const contentHash = hashOf(input);
      let targetId: string;
      if (earlier) {
        targetId = earlier.targetId;
        if (earlier.contentHash === contentHash) report.counts[kind].unchanged++;
        else {
          if (!dryRun) await how.update(targetId);
          report.counts[kind].updated++;
        }
      } else {
        const existing = await how.find();
        if (existing) {
          targetId = existing;
          report.counts[kind].unchanged++;
        } else {
          targetId = dryRun ? randomUUID() : await how.create();
          report.counts[kind].imported++;
        }
      }
      records.push({ kind, sourceId, targetId, targetVersion: null, contentHash });
      return targetId;
    },
  };
}
