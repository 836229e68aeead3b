// Authors, categories and tags of a WordPress export as people, nested sections and tags, in
// one transaction before any post: every post's byline and section then exist.
import { randomUUID } from "node:crypto";
import { UserInputSchema } from "../../content/index.js";
import {
  createPerson,
  createSection,
  createTag,
  createUser,
  getPersonBySlug,
  getSectionBySlug,
  getTagBySlug,
  getUserByEmail,
  type ImportedKind,
  importedRecords,
  recordImported,
  type Store,
  transact,
  updateSection,
  updateTag,
} from "../../store/index.js";
import type { ImportReport } from "../report.js";
import { createUpserter } from "../upsert.js";
import { slugOf } from "./map.js";
import type { WxrAuthor, WxrTerm } from "./records.js";

/** Masthead ids of the people, sections and tags, by WordPress login or term slug. */
export interface TaxonomyIds {
  personByLogin: Map<string, string>;
  sectionBySlug: Map<string, string>;
  tagBySlug: Map<string, string>;
  /** The section posts without a category go to ("Uncategorized", made when needed). */
  fallbackSection(): Promise<string>;
}

/** Options of the taxonomy step. */
export interface TaxonomyOptions {
  store: Store;
  source: string;
  dryRun: boolean;
  report: ImportReport;
  /** Also make a contributor account, without a password, for each author with an email. */
  accounts: boolean;
}

/** Imports authors, categories and tags (or, in a dry run, counts them). */
export async function importTaxonomy(
  opts: TaxonomyOptions,
  authors: readonly WxrAuthor[],
  terms: readonly WxrTerm[],
): Promise<TaxonomyIds> {
  const { store, source, report } = opts;
  const ids: TaxonomyIds = {
    personByLogin: new Map(),
    sectionBySlug: new Map(),
    tagBySlug: new Map(),
    fallbackSection: async () => {
      throw new Error("fallbackSection before import");
    },
  };
  const { upsert, records } = createUpserter(report, opts.dryRun);
  const write = async (tx: Store) => {
    const earlier = async (kind: ImportedKind) => importedRecords(tx, source, kind);
    const people = await earlier("person");
    for (const author of authors) {
      const input = {
        slug: slugOf(author.login, author.displayName, `author-${author.id || "x"}`),
        name: (
          author.displayName ||
          [author.firstName, author.lastName].join(" ").trim() ||
          author.login
        ).slice(0, 120),
      };
      const personId = await upsert(
        "person",
        author.id || author.login,
        input,
        people.get(author.id || author.login),
        {
          find: async () => (await getPersonBySlug(tx, input.slug))?.id,
          create: async () => (await createPerson(tx, input)).id,
          // A person's page may have been edited in Masthead: an import never overwrites it.
          update: async () => {},
        },
      );
      ids.personByLogin.set(author.login, personId);
      if (opts.accounts) await addAccount(tx, author, personId);
      // Very old exports name a post's author by display name rather than login.
      if (author.displayName && !ids.personByLogin.has(author.displayName))
        ids.personByLogin.set(author.displayName, personId);
    }

    const sections = await earlier("section");
    const categories = terms.filter((t) => t.taxonomy === "category");
    for (const term of parentsFirst(categories)) {
      const slug = slugOf(term.slug, term.name, `category-${term.id}`);
      const parentId = term.parentSlug ? (ids.sectionBySlug.get(term.parentSlug) ?? null) : null;
      const input = {
        slug,
        name: term.name.slice(0, 120) || slug,
        description: term.description.slice(0, 1000),
        parentId,
      };
      ids.sectionBySlug.set(
        term.slug,
        await upsert("section", term.id || term.slug, input, sections.get(term.id || term.slug), {
          find: async () => (await getSectionBySlug(tx, slug))?.id,
          create: async () => (await createSection(tx, input)).id,
          update: async (id) => void (await updateSection(tx, id, input)),
        }),
      );
    }

    const tags = await earlier("tag");
    for (const term of terms.filter((t) => t.taxonomy === "post_tag")) {
      const slug = slugOf(term.slug, term.name, `tag-${term.id}`);
      const input = { slug, name: term.name.slice(0, 80) || slug };
      ids.tagBySlug.set(
        term.slug,
        await upsert("tag", term.id || term.slug, input, tags.get(term.id || term.slug), {
          find: async () => (await getTagBySlug(tx, slug))?.id,
          create: async () => (await createTag(tx, input)).id,
          update: async (id) => void (await updateTag(tx, id, input)),
        }),
      );
    }
    for (const term of terms)
      if (term.taxonomy !== "category" && term.taxonomy !== "post_tag")
        report.skipped.push({
          kind: `term (${term.taxonomy})`,
          id: term.id || term.slug,
          title: term.name,
          reason:
            term.taxonomy === "nav_menu"
              ? "navigation menus have no meaning here"
              : term.taxonomy === "post_format"
                ? "post formats are kept per post in the report, not as terms"
                : `custom taxonomy '${term.taxonomy}' is not imported`,
        });
    if (!opts.dryRun) await recordImported(tx, source, records);
  };

  // An account for an author: the least a newsroom would grant (contributor: drafts only) until
  // an owner says more; an email that already has an account is left alone.
  async function addAccount(tx: Store, author: WxrAuthor, personId: string): Promise<void> {
    const entry = (reason: string) => ({
      kind: "author",
      id: author.login,
      title: author.email,
      reason,
    });
    const input = {
      email: author.email.trim(),
      name: (author.displayName || author.login).slice(0, 120),
      role: "contributor" as const,
      personId,
    };
    if (!UserInputSchema.safeParse(input).success) {
      report.notes.push(entry("no account made: the export has no usable email for this author"));
      return;
    }
    if (await getUserByEmail(tx, input.email)) {
      report.notes.push(entry("no account made: an account with this email exists already"));
      return;
    }
    const userId = opts.dryRun ? randomUUID() : (await createUser(tx, input, null)).id;
    report.accounts.push({ email: input.email.toLowerCase(), name: input.name, userId });
  }

  if (opts.dryRun) await write(store);
  else await transact(store, write);

  let fallback: Promise<string> | undefined;
  ids.fallbackSection = () => {
    fallback ??= (async () => {
      const existing = await getSectionBySlug(store, "uncategorized");
      if (existing) return existing.id;
      if (opts.dryRun) return randomUUID();
      report.counts.section.imported++;
      return (await createSection(store, { slug: "uncategorized", name: "Uncategorized" })).id;
    })();
    return fallback;
  };
  return ids;
}

/** Categories ordered so each comes after its parent (cycles and orphans end at the root). */
function parentsFirst(terms: readonly WxrTerm[]): WxrTerm[] {
  const bySlug = new Map(terms.map((t) => [t.slug, t]));
  const out: WxrTerm[] = [];
  const placed = new Set<string>();
  const visit = (t: WxrTerm, trail: Set<string>) => {
    if (placed.has(t.slug) || trail.has(t.slug)) return;
    trail.add(t.slug);
    const parent = t.parentSlug ? bySlug.get(t.parentSlug) : undefined;
    if (parent) visit(parent, trail);
    placed.add(t.slug);
    out.push(t);
  };
  for (const t of terms) visit(t, new Set());
  return out;
}
