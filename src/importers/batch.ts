// Writing prepared posts and pages, whichever platform they came from: several whole items per
// transaction, and when one of them fails, each alone, so one bad item is reported and the
// others still land.
import { ConflictError, ContentInvalidError } from "../content/index.js";
import { addRedirects, type Store, transact } from "../store/index.js";
import { countRedirects, type ImportReport, type ReportEntry } from "./report.js";

/** One old address and where it now leads. */
export interface OldAddress {
  from: string;
  to: string;
}

/** What writing one item did: its old addresses (redirected in the same transaction). */
export interface WrittenItem {
  redirects: OldAddress[];
}

/** How a platform's importer writes, counts and names its items. */
export interface BatchWriter<P, W extends WrittenItem> {
  store: Store;
  report: ImportReport;
  /** The slug the item asks for. */
  slugOf(p: P): string;
  /** Writes one item inside `tx` under `slug` (which may differ from the one asked for). */
  write(tx: Store, p: P, slug: string): Promise<W>;
  /** Counts an item once its transaction has committed. */
  counted(p: P, written: W): void;
  /** Counts an item that could not be written. */
  failed(p: P): void;
  /** Names the item in the report. */
  entry(p: P, reason: string): ReportEntry;
  /**
   * A second slug for a new item whose own is taken or reserved (pages and articles share one
   * set of slugs here, and a page may not take an address the site uses); undefined when an
   * earlier run made the item, which keeps its slug.
   */
  fallbackSlug(p: P): string | undefined;
}

/**
 * Writes `batch` in one transaction, each item whole with its old addresses; if any fails, the
 * transaction is rolled back and each is written in a transaction of its own.
 */
export async function writeBatch<P, W extends WrittenItem>(
  how: BatchWriter<P, W>,
  batch: readonly P[],
): Promise<void> {
  if (batch.length === 0) return;
  if (batch.length > 1) {
    try {
      const results = await transact(how.store, async (tx) => {
        const written: W[] = [];
        for (const p of batch) written.push(await how.write(tx, p, how.slugOf(p)));
        const redirects = await addRedirects(
          tx,
          written.flatMap((w) => w.redirects),
          { source: "import" },
        );
        return { written, redirects };
      });
      for (const [i, p] of batch.entries()) {
        const w = results.written[i];
        if (w) how.counted(p, w);
      }
      countRedirects(how.report, results.redirects);
      return;
    } catch {
      // One of them is bad: find it by writing each alone.
    }
  }
  for (const p of batch) await writeAlone(how, p);
}

async function writeAlone<P, W extends WrittenItem>(how: BatchWriter<P, W>, p: P): Promise<void> {
  const attempt = (slug: string) =>
    transact(how.store, async (tx) => {
      const w = await how.write(tx, p, slug);
      return { w, redirects: await addRedirects(tx, w.redirects, { source: "import" }) };
    });
  try {
    let result: Awaited<ReturnType<typeof attempt>>;
    const asked = how.slugOf(p);
    try {
      result = await attempt(asked);
    } catch (error) {
      const taken = error instanceof ConflictError;
      const reserved =
        error instanceof ContentInvalidError && error.issues.some((i) => i.path === "slug");
      const second = how.fallbackSlug(p);
      if (!(taken || reserved) || second === undefined) throw error;
      how.report.notes.push(
        how.entry(
          p,
          `slug '${asked}' is ${taken ? "taken in Masthead" : "used by the site itself"}: imported as '${second}'`,
        ),
      );
      result = await attempt(second);
    }
    how.counted(p, result.w);
    countRedirects(how.report, result.redirects);
  } catch (error) {
    how.failed(p);
    how.report.skipped.push(how.entry(p, `could not be imported: ${(error as Error).message}`));
  }
}
