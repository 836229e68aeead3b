import { randomUUID } from "node:crypto";
import { NotFoundError } from "../content/errors.js";
import {
  ContentInvalidError,
  parseOrThrow,
  type Section,
  type SectionData,
  type SectionInput,
  SectionInputSchema,
} from "../content/index.js";
import { nowIso } from "./columns.js";
import { requireReferences, uniquely } from "./constraints.js";
import { toSection } from "./rows.js";
import { reindexArticlesBySection } from "./search.js";
import { redirectListingSlug } from "./slug-redirects.js";
import { inTransaction, type Store } from "./store.js";

/** Creates a section. Throws ContentInvalidError, or ConflictError on a taken slug. */
export async function createSection(store: Store, input: SectionInput): Promise<Section> {
  const data = parseOrThrow(SectionInputSchema, input, "section");
  const section: Section = { id: randomUUID(), ...data };
  const now = nowIso();
  await inTransaction(store, async (trx) => {
    if (data.parentId)
      await requireReferences(trx, "section", [
        { path: "parentId", table: "sections", id: data.parentId },
      ]);
    await uniquely(store, { entity: "section", field: "slug", value: data.slug }, () =>
      trx
        .insertInto("sections")
        .values({ ...columns(data), id: section.id, created_at: now, updated_at: now })
        .execute(),
    );
  });
  return section;
}

/**
 * Replaces a section's fields. A section cannot be moved inside itself or its own subsections.
 * Throws NotFoundError, ContentInvalidError or ConflictError.
 */
export async function updateSection(
  store: Store,
  id: string,
  input: SectionInput,
): Promise<Section> {
  const data = parseOrThrow(SectionInputSchema, input, "section");
  await inTransaction(store, async (trx) => {
    const all = await trx
      .selectFrom("sections")
      .select(["id", "parent_id", "name", "slug"])
      .execute();
    const parents = new Map(all.map((s) => [s.id, s.parent_id]));
    if (!parents.has(id)) throw new NotFoundError("section", id);
    if (data.parentId) {
      if (!parents.has(data.parentId))
        throw new ContentInvalidError("section", [
          { path: "parentId", message: `no section with id '${data.parentId}'` },
        ]);
      for (let p: string | null | undefined = data.parentId; p; p = parents.get(p))
        if (p === id)
          throw new ContentInvalidError("section", [
            { path: "parentId", message: "a section cannot be placed inside itself" },
          ]);
    }
    await uniquely(store, { entity: "section", field: "slug", value: data.slug }, () =>
      trx
        .updateTable("sections")
        .set({ ...columns(data), updated_at: nowIso() })
        .where("id", "=", id)
        .execute(),
    );
    const before = all.find((s) => s.id === id);
    // Section names are indexed: a rename must be findable at once.
    if (before?.name !== data.name) await reindexArticlesBySection({ ...store, db: trx }, id);
    if (before)
      await redirectListingSlug({ ...store, db: trx }, "sections", before.slug, data.slug);
  });
  return { id, ...data };
}

/** The section with this id, or undefined. */
export async function getSectionById(store: Store, id: string): Promise<Section | undefined> {
  const row = await store.db
    .selectFrom("sections")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toSection(row);
}

/** The section with this slug, or undefined. */
export async function getSectionBySlug(store: Store, slug: string): Promise<Section | undefined> {
  const row = await store.db
    .selectFrom("sections")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && toSection(row);
}

/** Every section, by name; a publication has few, so callers build trees and paths from this. */
export async function listSections(store: Store): Promise<Section[]> {
  const rows = await store.db
    .selectFrom("sections")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toSection);
}

function columns(data: SectionData) {
  return {
    slug: data.slug,
    name: data.name,
    description: data.description,
    parent_id: data.parentId,
  };
}
