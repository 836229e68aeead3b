// Users, tags and primary tags of a Ghost export as people, sections and tags, in one
// transaction before any post: every post's byline, section and tags then exist. A tag that is
// some post's primary tag becomes a section; a tag used as a post's other tag (or by no post)
// becomes a tag; internal tags (`#…`) are never shown on a Ghost site and are not imported.
import { randomUUID } from "node:crypto";
import {
  createPerson,
  createSection,
  createTag,
  getPersonBySlug,
  getSectionBySlug,
  getTagBySlug,
  importedRecords,
  recordImported,
  type Store,
  transact,
  updateSection,
  updateTag,
} from "../../store/index.js";
import type { ImportReport } from "../report.js";
import { createUpserter } from "../upsert.js";
import { slugOf } from "../wordpress/map.js";
import type { GhostMediaResolver } from "./media.js";
import type { GhostTag } from "./records.js";
import type { GhostScan } from "./scan.js";

/** Masthead ids and slugs of what the taxonomy became, by Ghost id. */
export interface GhostTaxonomy {
  person: Map<string, { id: string; slug: string }>;
  section: Map<string, { id: string; slug: string }>;
  tag: Map<string, { id: string; slug: string }>;
  /** The section posts without a public tag go to ("Uncategorized", made when needed). */
  fallbackSection(): Promise<string>;
  /** A byline for a post whose authors are all missing from the export ("Staff"). */
  fallbackPerson(): Promise<string>;
}

/** Options of the taxonomy step. */
export interface GhostTaxonomyOptions {
  store: Store;
  source: string;
  dryRun: boolean;
  report: ImportReport;
  media: GhostMediaResolver;
}

/** The public tags of a post in Ghost's order: the first is its primary tag. */
export function publicTagsOf(scan: GhostScan, postId: string): GhostTag[] {
  const out: GhostTag[] = [];
  for (const id of scan.tagsOfPost.get(postId) ?? []) {
    const tag = scan.tags.get(id);
    if (tag && !tag.internal) out.push(tag);
  }
  return out;
}

/** Imports users, tags and primary tags (or, in a dry run, counts them). */
export async function importGhostTaxonomy(
  opts: GhostTaxonomyOptions,
  scan: GhostScan,
): Promise<GhostTaxonomy> {
  const { store, source, report } = opts;
  const primary = new Set<string>();
  const secondary = new Set<string>();
  const used = new Set<string>();
  for (const postId of scan.tagsOfPost.keys()) {
    const tags = publicTagsOf(scan, postId);
    for (const [i, t] of tags.entries()) {
      (i === 0 ? primary : secondary).add(t.id);
      used.add(t.id);
    }
  }
  for (const tag of scan.tags.values())
    if (tag.internal)
      report.skipped.push({
        kind: "tag",
        id: tag.id,
        title: tag.name,
        reason: "an internal tag (never shown on a Ghost site): not imported",
      });

  // Pictures first: each is stored in a transaction of its own, before the taxonomy's.
  const avatars = new Map<string, string>();
  for (const user of scan.users.values()) {
    if (!user.profileImage) continue;
    const id = await opts.media.resolve(
      user.profileImage,
      {
        alt: (user.name || user.slug).slice(0, 500),
        credit: { creator: "", sourceName: "", license: "all-rights-reserved" },
      },
      `user ${user.slug || user.id}`,
    );
    if (id) avatars.set(user.id, id);
  }

  const ids: GhostTaxonomy = {
    person: new Map(),
    section: new Map(),
    tag: new Map(),
    fallbackSection: async () => "",
    fallbackPerson: async () => "",
  };
  const { upsert, records } = createUpserter(report, opts.dryRun);
  const write = async (tx: Store) => {
    const people = await importedRecords(tx, source, "person");
    for (const user of scan.users.values()) {
      const slug = slugOf(user.slug, user.name, `author-${user.id}`);
      const bio = user.bio.trim();
      const avatarId = avatars.get(user.id) ?? null;
      const input = {
        slug,
        name: (user.name.trim() || slug).slice(0, 120),
        shortBio: bio.length > 300 ? `${bio.slice(0, 299)}…` : bio,
        bio: bio.slice(0, 5000),
        avatarId,
        avatarAlt: avatarId ? (user.name.trim() || slug).slice(0, 300) : "",
      };
      const personId = await upsert(
        "person",
        `user:${user.id}`,
        input,
        people.get(`user:${user.id}`),
        {
          find: async () => (await getPersonBySlug(tx, slug))?.id,
          create: async () => (await createPerson(tx, input)).id,
          // A person's page may have been edited in Masthead: an import never overwrites it.
          update: async () => {},
        },
      );
      ids.person.set(user.id, { id: personId, slug });
      if (user.website.trim())
        report.notes.push({
          kind: "user",
          id: user.id,
          title: user.name,
          reason: `website ${user.website.trim()} not kept: a Masthead person has no website field (add it to the bio)`,
        });
    }

    const sections = await importedRecords(tx, source, "section");
    const tags = await importedRecords(tx, source, "tag");
    for (const tag of scan.tags.values()) {
      if (tag.internal) continue;
      const slug = slugOf(tag.slug, tag.name, `tag-${tag.id}`);
      if (primary.has(tag.id)) {
        const input = {
          slug,
          name: tag.name.slice(0, 120) || slug,
          description: tag.description.slice(0, 1000),
          parentId: null,
        };
        const id = await upsert("section", `tag:${tag.id}`, input, sections.get(`tag:${tag.id}`), {
          find: async () => (await getSectionBySlug(tx, slug))?.id,
          create: async () => (await createSection(tx, input)).id,
          update: async (id) => void (await updateSection(tx, id, input)),
        });
        ids.section.set(tag.id, { id, slug });
      }
      if (secondary.has(tag.id) || !used.has(tag.id)) {
        const input = { slug, name: tag.name.slice(0, 80) || slug };
        const id = await upsert("tag", `tag:${tag.id}`, input, tags.get(`tag:${tag.id}`), {
          find: async () => (await getTagBySlug(tx, slug))?.id,
          create: async () => (await createTag(tx, input)).id,
          update: async (id) => void (await updateTag(tx, id, input)),
        });
        ids.tag.set(tag.id, { id, slug });
      }
    }
    if (!opts.dryRun) await recordImported(tx, source, records);
  };
  if (opts.dryRun) await write(store);
  else await transact(store, write);

  const made = (kind: "section" | "person", slug: string, name: string) => {
    let pending: Promise<string> | undefined;
    return () => {
      pending ??= (async () => {
        const existing =
          kind === "section"
            ? await getSectionBySlug(store, slug)
            : await getPersonBySlug(store, slug);
        if (existing) return existing.id;
        if (opts.dryRun) return randomUUID();
        report.counts[kind].imported++;
        return kind === "section"
          ? (await createSection(store, { slug, name })).id
          : (await createPerson(store, { slug, name })).id;
      })();
      return pending;
    };
  };
  ids.fallbackSection = made("section", "uncategorized", "Uncategorized");
  ids.fallbackPerson = made("person", "staff", "Staff");
  return ids;
}
