// The first pass over a Ghost export: everything small (the export's version, the site's
// settings, tags, users and the posts' relations), with the posts themselves stepped over and
// only counted, so the second pass can import one post at a time with all of this at hand.
import { open, stat } from "node:fs/promises";
import { GhostExportError } from "./ghost-error.js";
import { type ReadSummary, readGhostExport } from "./reader.js";
import {
  type GhostPostMeta,
  type GhostTag,
  type GhostUser,
  postMetaOf,
  relationOf,
  settingOf,
  tagOf,
  userOf,
} from "./records.js";
import { sniffGhostHead } from "./sniff.js";

/** The Ghost major versions whose export format this importer knows. */
export const KNOWN_GHOST_MAJORS = { min: 1, max: 6 } as const;

/** The tables the import reads; every other table is stepped over unread. */
export const SMALL_TABLES = new Set([
  "tags",
  "users",
  "posts_tags",
  "posts_authors",
  "posts_meta",
  "settings",
]);

/**
 * Tables whose rows are never imported because they hold people's accounts, secrets or
 * subscriptions: named in the report with their row counts, nothing else.
 */
export const PRIVATE_TABLES = [
  "members",
  "members_stripe_customers",
  "members_stripe_customers_subscriptions",
  "subscribers",
  "sessions",
  "api_keys",
  "integrations",
  "webhooks",
  "accesstokens",
  "refreshtokens",
  "clients",
  "client_trusted_domains",
  "tokens",
  "invites",
  "email_recipients",
  "members_login_events",
];

/** What the first pass keeps. */
export interface GhostScan {
  /** e.g. "5.75.0", or "" when the export does not say. */
  version: string;
  site: { title: string; description: string; language: string; permalinks: string };
  tags: Map<string, GhostTag>;
  users: Map<string, GhostUser>;
  /** Tag ids of each post, in Ghost's order (the first public one is its primary tag). */
  tagsOfPost: Map<string, string[]>;
  /** Author ids of each post, in Ghost's order (posts_authors; Ghost 1.x has author_id only). */
  authorsOfPost: Map<string, string[]>;
  postMeta: Map<string, GhostPostMeta>;
  /** Rows per table in the export, read or not. */
  rows: Map<string, number>;
  postCount: number;
}

/**
 * Reads everything but the posts. Throws GhostExportError (MH_IMPORT_INVALID) for a file that is
 * not a Ghost export, is truncated or corrupted, or comes from a Ghost version it does not know.
 */
export async function scanGhost(
  file: string,
  onProgress?: (read: number, total: number) => void,
): Promise<GhostScan> {
  const total = (await stat(file)).size;
  const refuse = sniffGhostHead(await readHead(file));
  if (refuse) throw new GhostExportError(file, refuse);
  const tables = new Set<string>();
  const summary: ReadSummary = {
    rows: new Map(),
    tables,
    sawMeta: false,
    sawData: false,
  };
  const scan: GhostScan = {
    version: "",
    site: { title: "", description: "", language: "", permalinks: "" },
    tags: new Map(),
    users: new Map(),
    tagsOfPost: new Map(),
    authorsOfPost: new Map(),
    postMeta: new Map(),
    rows: summary.rows,
    postCount: 0,
  };
  const tagRows: { postId: string; otherId: string; order: number }[] = [];
  const authorRows: { postId: string; otherId: string; order: number }[] = [];
  for await (const token of readGhostExport(file, SMALL_TABLES, summary, (read) =>
    onProgress?.(read, total),
  )) {
    if (token.type === "meta") {
      const meta = token.value as { version?: unknown } | null;
      if (typeof meta?.version === "string" || typeof meta?.version === "number")
        scan.version = String(meta.version);
      checkVersion(file, scan.version);
      continue;
    }
    switch (token.table) {
      case "tags": {
        const tag = tagOf(token.value);
        if (tag?.id) scan.tags.set(tag.id, tag);
        break;
      }
      case "users": {
        const user = userOf(token.value);
        if (user?.id) scan.users.set(user.id, user);
        break;
      }
      case "posts_tags": {
        const r = relationOf(token.value, "tag_id");
        if (r) tagRows.push(r);
        break;
      }
      case "posts_authors": {
        const r = relationOf(token.value, "author_id");
        if (r) authorRows.push(r);
        break;
      }
      case "posts_meta": {
        const m = postMetaOf(token.value);
        if (m?.postId) scan.postMeta.set(m.postId, m.meta);
        break;
      }
      case "settings": {
        const s = settingOf(token.value);
        if (s?.key === "title") scan.site.title = s.value;
        else if (s?.key === "description") scan.site.description = s.value;
        else if (s?.key === "lang" || s?.key === "locale") scan.site.language = s.value;
        else if (s?.key === "permalinks") scan.site.permalinks = s.value;
        break;
      }
    }
  }
  if (!summary.sawData || !tables.has("posts"))
    throw new GhostExportError(
      file,
      summary.sawData
        ? "this JSON has a `data` object but no `posts` table, so it is not a Ghost content export"
        : "this JSON is not a Ghost export: it has neither `db` nor `data` (in Ghost use Settings → Labs → Export your content)",
    );
  scan.postCount = summary.rows.get("posts") ?? 0;
  scan.tagsOfPost = ordered(tagRows);
  scan.authorsOfPost = ordered(authorRows);
  return scan;
}

/** Refuses versions outside 1.x–6.x: a newer Ghost may have changed the format in ways unknown here. */
function checkVersion(file: string, version: string): void {
  if (version === "") return;
  const m = /^v?(\d+)\.\d+/.exec(version.trim());
  const major = m ? Number(m[1]) : Number.NaN;
  if (!m && /^0*\d{1,3}$/.test(version.trim()))
    throw new GhostExportError(
      file,
      `this export comes from Ghost 0.x (database version ${version}), which this importer does not read; upgrade the site to Ghost 1 or later and export again`,
    );
  if (Number.isNaN(major))
    throw new GhostExportError(file, `the export's version '${version}' is not a Ghost version`);
  if (major < KNOWN_GHOST_MAJORS.min)
    throw new GhostExportError(
      file,
      `this export comes from Ghost ${version}, older than this importer reads (1.x to 6.x); upgrade the site and export again`,
    );
  if (major > KNOWN_GHOST_MAJORS.max)
    throw new GhostExportError(
      file,
      `this export comes from Ghost ${version}, newer than this importer knows (1.x to 6.x); update Masthead, or report the version so support can be added`,
    );
}

function ordered(
  rows: { postId: string; otherId: string; order: number }[],
): Map<string, string[]> {
  const byPost = new Map<string, { otherId: string; order: number }[]>();
  for (const r of rows) {
    if (!r.postId || !r.otherId) continue;
    const list = byPost.get(r.postId) ?? [];
    list.push(r);
    byPost.set(r.postId, list);
  }
  // A stable sort keeps the export's own order for equal sort_order values (Ghost 1.x has none).
  return new Map(
    [...byPost].map(([postId, list]) => [
      postId,
      [...new Set(list.sort((a, b) => a.order - b.order).map((r) => r.otherId))],
    ]),
  );
}

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
