// `masthead import ghost`: the whole import of one Ghost JSON export, called by the CLI. Two
// passes over the file: the first keeps what is small (settings, users, tags, relations), the
// second imports one post at a time, so memory stays bounded whatever the export's size.
import { authorPath, feedPath, sectionPath, tagPath } from "../../content/public-paths.js";
import {
  addRedirects,
  type ChangeAuthor,
  duringBulkWrites,
  importedRecords,
  type Store,
  transact,
} from "../../store/index.js";
import type { OldAddress } from "../batch.js";
import type { ImportOptions } from "../options.js";
import { countRedirects, type ImportReport, newReport } from "../report.js";
import { adoptSiteSettings } from "../wordpress/site.js";
import { type PreparedGhostItem, prepareGhostItem, writeGhostItems } from "./items.js";
import { createGhostMediaResolver } from "./media.js";
import { readGhostExport } from "./reader.js";
import { postOf } from "./records.js";
import { type GhostScan, PRIVATE_TABLES, SMALL_TABLES, scanGhost } from "./scan.js";
import { type GhostTaxonomy, importGhostTaxonomy } from "./taxonomy.js";

/** How to import a Ghost export: the common options (its media folder is content/images). */
export type GhostImportOptions = ImportOptions;

/** Items written per transaction (see the WordPress importer: one commit per item waits on the disk). */
const BATCH_SIZE = 50;

const ACTOR: ChangeAuthor = { userId: null, name: "Ghost import" };

/**
 * Ghost ids are MongoDB-style object ids, unique across sites, so one source name serves every
 * Ghost site: a re-run finds its records by post id whatever the site's title became.
 */
const SOURCE = "ghost";

/**
 * Imports a Ghost export into `store` and returns the report. Throws GhostExportError
 * (MH_IMPORT_INVALID) when the file is not a readable Ghost export; nothing is written then.
 * A post that cannot be imported is skipped and reported; each is whole or absent, so a run
 * stopped midway leaves whole items only, and running it again resumes.
 */
export function importGhost(
  store: Store,
  file: string,
  opts: GhostImportOptions,
): Promise<ImportReport> {
  return duringBulkWrites(store, () => run(store, file, opts));
}

async function run(store: Store, file: string, opts: GhostImportOptions): Promise<ImportReport> {
  const dryRun = opts.dryRun ?? false;
  const scan = await scanGhost(file, (read, total) => opts.onProgress?.("scan", read, total));
  const report = newReport(SOURCE, file, dryRun);
  if (!scan.version)
    report.notes.push({
      kind: "export",
      id: file,
      reason: "the export does not say which Ghost version wrote it: read as the newest",
    });
  // Every table the import does not read is named with its row count, so nothing is left out
  // silently; members' tables (and Ghost 5's member comments) say why they never come in.
  for (const [table, rows] of scan.rows) {
    if (rows === 0 || table === "posts" || SMALL_TABLES.has(table)) continue;
    const personal =
      PRIVATE_TABLES.includes(table) || /^members|^stripe|^email|comment/.test(table);
    report.skipped.push({
      kind: "table",
      id: table,
      reason: personal
        ? `${rows} row(s) of ${table}: members, accounts, keys and sessions are never imported`
        : `${rows} row(s) of ${table}: not imported (Masthead has no equivalent)`,
    });
  }
  const userRows = scan.users.size;
  if (userRows > 0)
    report.notes.push({
      kind: "users",
      id: "users",
      reason: `${userRows} Ghost user(s) became staff people without accounts; their emails and passwords were not read`,
    });
  await adoptSiteSettings(
    store,
    { title: scan.site.title, language: scan.site.language, link: "" },
    report,
    dryRun,
  );
  const [posts, pages, media] = await Promise.all([
    importedRecords(store, SOURCE, "article"),
    importedRecords(store, SOURCE, "page"),
    importedRecords(store, SOURCE, "media"),
  ]);
  const resolver = createGhostMediaResolver({
    store,
    dataDir: opts.dataDir,
    source: SOURCE,
    mediaDir: opts.mediaDir,
    fetchMedia: opts.fetchMedia ?? false,
    dryRun,
    report,
    imported: media,
  });
  const ids = await importGhostTaxonomy(
    { store, source: SOURCE, dryRun, report, media: resolver },
    scan,
  );
  const ctx = {
    store,
    source: SOURCE,
    scan,
    ids,
    media: resolver,
    report,
    actor: ACTOR,
    dryRun,
    overwrite: opts.overwrite ?? false,
    now: opts.now ?? new Date(),
    items: new Map([...posts, ...pages]),
    seen: new Set<string>(),
    mediaSources: JSON.stringify([opts.mediaDir ?? null, opts.fetchMedia ?? false]),
  };
  let done = 0;
  opts.onProgress?.("import", 0, scan.postCount);
  let batch: PreparedGhostItem[] = [];
  const summary = { rows: new Map<string, number>(), sawMeta: false, sawData: false };
  for await (const token of readGhostExport(file, new Set(["posts"]), summary)) {
    if (token.type !== "row") continue;
    const post = postOf(token.value);
    if (post) {
      const prepared = await prepareGhostItem(ctx, post);
      if (prepared) batch.push(prepared);
    }
    if (batch.length >= BATCH_SIZE) {
      await writeGhostItems(ctx, batch);
      batch = [];
    }
    opts.onProgress?.("import", ++done, scan.postCount);
  }
  await writeGhostItems(ctx, batch);
  const redirects = listingRedirects(scan, ids);
  if (dryRun) report.counts.redirect.imported += redirects.length;
  else
    countRedirects(
      report,
      await transact(store, (tx) => addRedirects(tx, redirects, { source: "import" })),
    );
  report.finishedAt = new Date().toISOString();
  return report;
}

/** The old addresses of tags, authors and feeds (Ghost's fixed routes) to their Masthead listings. */
function listingRedirects(scan: GhostScan, ids: GhostTaxonomy): OldAddress[] {
  const out: OldAddress[] = [{ from: "/rss/", to: feedPath("rss") }];
  for (const tag of scan.tags.values()) {
    const section = ids.section.get(tag.id);
    const asTag = ids.tag.get(tag.id);
    if (!tag.slug || (!section && !asTag)) continue;
    // A tag that is some post's primary tag is a section here: its listing has those posts.
    const [to, feed] = section
      ? [sectionPath(section.slug), feedPath("rss", { kind: "sections", slug: section.slug })]
      : [tagPath(asTag!.slug), feedPath("rss", { kind: "tags", slug: asTag!.slug })];
    out.push({ from: `/tag/${tag.slug}/`, to }, { from: `/tag/${tag.slug}/rss/`, to: feed });
  }
  for (const user of scan.users.values()) {
    const person = ids.person.get(user.id);
    if (!person || !user.slug) continue;
    out.push(
      { from: `/author/${user.slug}/`, to: authorPath(person.slug) },
      {
        from: `/author/${user.slug}/rss/`,
        to: feedPath("rss", { kind: "authors", slug: person.slug }),
      },
    );
  }
  return out.filter((r) => r.from !== r.to);
}
