// `masthead import wordpress`: the whole import of one WXR file, called by the CLI (and later
// the admin app). Two passes over the file: the first keeps what is small (site, authors,
// terms, attachments), the second imports one post at a time, so memory stays bounded.

import { authorPath, feedPath, sectionPath, tagPath } from "../../content/public-paths.js";
import {
  addRedirects,
  type ChangeAuthor,
  duringBulkWrites,
  importedRecords,
  type Store,
  transact,
} from "../../store/index.js";
import type { ImportOptions } from "../options.js";
import { countRedirects, type ImportReport, newReport } from "../report.js";
import { type PreparedItem, prepareItem, writeItems } from "./items.js";
import { basePathOf, slugOf } from "./map.js";
import { createMediaResolver } from "./media.js";
import type { WxrTerm } from "./records.js";
import { scanWxr } from "./scan.js";
import { adoptSiteSettings } from "./site.js";
import { importTaxonomy, type TaxonomyIds } from "./taxonomy.js";
import { readWxr } from "./wxr.js";

/** How to import a WordPress export: the common options and WordPress's own. */
export interface WordPressImportOptions extends ImportOptions {
  /** Import every post and page as a draft. */
  asDraft?: boolean;
  /** Make a contributor account (no password yet) for each author with an email. */
  accounts?: boolean;
}

/**
 * Items written per transaction. Each item is whole or absent whatever the batch (a failing batch
 * is written again item by item); one commit per item would spend most of the import waiting
 * for the disk.
 */
const BATCH_SIZE = 50;

const ACTOR: ChangeAuthor = { userId: null, name: "WordPress import" };

/**
 * Imports a WordPress export into `store` and returns the report. Throws WxrError
 * (MH_IMPORT_INVALID) when the file is not a readable WXR file; nothing is written then. An item
 * that cannot be imported is skipped and reported; each item is its own transaction, so a run
 * stopped midway leaves whole items only, and running it again resumes.
 */
export function importWordPress(
  store: Store,
  file: string,
  opts: WordPressImportOptions,
): Promise<ImportReport> {
  return duringBulkWrites(store, () => run(store, file, opts));
}

async function run(
  store: Store,
  file: string,
  opts: WordPressImportOptions,
): Promise<ImportReport> {
  const dryRun = opts.dryRun ?? false;
  const scan = await scanWxr(file, (read, total) => opts.onProgress?.("scan", read, total));
  const source = `wordpress:${(scan.site.baseBlogUrl || scan.site.link).replace(/\/+$/, "")}`;
  const report = newReport(source, file, dryRun);
  await adoptSiteSettings(store, scan.site, report, dryRun);
  const ids = await importTaxonomy(
    { store, source, dryRun, report, accounts: opts.accounts ?? false },
    scan.authors,
    scan.terms,
  );
  const [posts, pages, media] = await Promise.all([
    importedRecords(store, source, "article"),
    importedRecords(store, source, "page"),
    importedRecords(store, source, "media"),
  ]);
  const ctx = {
    store,
    source,
    scan,
    ids,
    report,
    actor: ACTOR,
    dryRun,
    asDraft: opts.asDraft ?? false,
    overwrite: opts.overwrite ?? false,
    now: opts.now ?? new Date(),
    items: new Map([...posts, ...pages]),
    seen: new Set<string>(),
    basePath: basePathOf(scan.site.link),
    mediaSources: JSON.stringify([opts.mediaDir ?? null, opts.fetchMedia ?? false]),
    media: createMediaResolver({
      store,
      dataDir: opts.dataDir,
      source,
      scan,
      mediaDir: opts.mediaDir,
      fetchMedia: opts.fetchMedia ?? false,
      dryRun,
      report,
      imported: media,
    }),
  };
  let done = 0;
  opts.onProgress?.("import", 0, scan.itemCount);
  let batch: PreparedItem[] = [];
  for await (const record of readWxr(file)) {
    if (record.kind !== "item") continue;
    const prepared = await prepareItem(ctx, record);
    if (prepared) batch.push(prepared);
    if (batch.length >= BATCH_SIZE) {
      await writeItems(ctx, batch);
      batch = [];
    }
    if (record.postType === "post" || record.postType === "page")
      opts.onProgress?.("import", ++done, scan.itemCount);
  }
  await writeItems(ctx, batch);
  const redirects = taxonomyRedirects(scan.terms, scan.authors, ids, ctx.basePath);
  if (dryRun) report.counts.redirect.imported += redirects.length;
  else
    countRedirects(
      report,
      await transact(store, (tx) => addRedirects(tx, redirects, { source: "import" })),
    );
  report.finishedAt = new Date().toISOString();
  return report;
}

/**
 * The old addresses of categories, tags, authors and feeds (WordPress's default bases), and
 * their `?cat=`, `?tag=` and `?author=` forms, to the Masthead listing each became.
 */
function taxonomyRedirects(
  terms: readonly WxrTerm[],
  authors: readonly { id: string; login: string; displayName: string }[],
  ids: TaxonomyIds,
  base: string,
): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [{ from: `${base}/feed/`, to: feedPath("rss") }];
  const categories = new Map(
    terms.filter((t) => t.taxonomy === "category").map((t) => [t.slug, t]),
  );
  const pathOfCategory = (t: WxrTerm, trail = new Set<string>()): string => {
    const parent = t.parentSlug ? categories.get(t.parentSlug) : undefined;
    if (!parent || trail.has(parent.slug)) return t.slug;
    trail.add(t.slug);
    return `${pathOfCategory(parent, trail)}/${t.slug}`;
  };
  for (const t of categories.values()) {
    if (!ids.sectionBySlug.has(t.slug)) continue;
    const slug = slugOf(t.slug, t.name, `category-${t.id}`);
    const to = sectionPath(slug);
    out.push({ from: `${base}/category/${pathOfCategory(t)}/`, to });
    out.push({
      from: `${base}/category/${pathOfCategory(t)}/feed/`,
      to: feedPath("rss", { kind: "sections", slug }),
    });
    if (t.id) out.push({ from: `${base}/?cat=${t.id}`, to });
  }
  for (const t of terms.filter((t) => t.taxonomy === "post_tag")) {
    if (!ids.tagBySlug.has(t.slug)) continue;
    const slug = slugOf(t.slug, t.name, `tag-${t.id}`);
    out.push({ from: `${base}/tag/${t.slug}/`, to: tagPath(slug) });
    out.push({ from: `${base}/tag/${t.slug}/feed/`, to: feedPath("rss", { kind: "tags", slug }) });
    out.push({ from: `${base}/?tag=${t.slug}`, to: tagPath(slug) });
  }
  for (const a of authors) {
    const slug = slugOf(a.login, a.displayName, `author-${a.id || "x"}`);
    out.push({ from: `${base}/author/${a.login}/`, to: authorPath(slug) });
    out.push({
      from: `${base}/author/${a.login}/feed/`,
      to: feedPath("rss", { kind: "authors", slug }),
    });
    if (a.id) out.push({ from: `${base}/?author=${a.id}`, to: authorPath(slug) });
  }
  return out.filter((r) => r.from !== r.to);
}
