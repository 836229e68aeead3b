import { randomUUID } from "node:crypto";
import { NotFoundError } from "../content/errors.js";
import { parseOrThrow, type Tag, type TagInput, TagInputSchema } from "../content/index.js";
import { nowIso } from "./columns.js";
import { uniquely } from "./constraints.js";
import { inOrderOf, toTag } from "./rows.js";
import { redirectListingSlug } from "./slug-redirects.js";
import { type Store, transact } from "./store.js";

/** Creates a tag. Throws ContentInvalidError, or ConflictError on a taken slug. */
export async function createTag(store: Store, input: TagInput): Promise<Tag> {
  const data = parseOrThrow(TagInputSchema, input, "tag");
  const tag: Tag = { id: randomUUID(), ...data };
  await uniquely(store, { entity: "tag", field: "slug", value: data.slug }, () =>
    store.db
      .insertInto("tags")
      .values({ id: tag.id, slug: data.slug, name: data.name, created_at: nowIso() })
      .execute(),
  );
  return tag;
}

/**
 * Renames a tag or changes its slug (the old tag page then answers 301 to the new one). Throws
 * NotFoundError, ContentInvalidError or ConflictError.
 */
export async function updateTag(store: Store, id: string, input: TagInput): Promise<Tag> {
  const data = parseOrThrow(TagInputSchema, input, "tag");
  return transact(store, async (tx) => {
    const before = await tx.db
      .selectFrom("tags")
      .select("slug")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!before) throw new NotFoundError("tag", id);
    await uniquely(tx, { entity: "tag", field: "slug", value: data.slug }, () =>
      tx.db
        .updateTable("tags")
        .set({ slug: data.slug, name: data.name })
        .where("id", "=", id)
        .execute(),
    );
    await redirectListingSlug(tx, "tags", before.slug, data.slug);
    return { id, ...data };
  });
}

/** The tag with this id, or undefined. */
export async function getTagById(store: Store, id: string): Promise<Tag | undefined> {
  const row = await store.db.selectFrom("tags").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toTag(row);
}

/** The tag with this slug (its topic page), or undefined. */
export async function getTagBySlug(store: Store, slug: string): Promise<Tag | undefined> {
  const row = await store.db
    .selectFrom("tags")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && toTag(row);
}

/** Every tag, by name. */
export async function listTags(store: Store): Promise<Tag[]> {
  const rows = await store.db
    .selectFrom("tags")
    .selectAll()
    .orderBy("name")
    .orderBy("id")
    .execute();
  return rows.map(toTag);
}

/** The tags with these ids, in the order of `ids`; unknown ids are left out. */
export async function getTagsByIds(store: Store, ids: readonly string[]): Promise<Tag[]> {
  if (ids.length === 0) return [];
  const rows = await store.db
    .selectFrom("tags")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return inOrderOf(ids, rows.map(toTag));
}
