// Newsletters (migration 0027): what readers can subscribe to. Which actor may change them is
// the service's rule (src/services/newsletters.ts); these only read and write.
import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import {
  type DigestSchedule,
  type Newsletter,
  type NewsletterInput,
  NewsletterInputSchema,
  NotFoundError,
  parseOrThrow,
} from "../content/index.js";
import { nowIso, toBool, toIso } from "./columns.js";
import { uniquely } from "./constraints.js";
import { adapterFor } from "./dialect/index.js";
import type { NewslettersTable } from "./schema.js";
import type { Store } from "./store.js";

function toNewsletter(store: Store, row: Selectable<NewslettersTable>): Newsletter {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    digest:
      row.digest === null
        ? null
        : (adapterFor(store.dialect).readJson(row.digest) as DigestSchedule),
    active: Boolean(row.active),
    position: row.position,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Every newsletter, in the order readers see them (position, then name). */
export async function listNewsletters(store: Store): Promise<Newsletter[]> {
  const rows = await store.db
    .selectFrom("newsletters")
    .selectAll()
    .orderBy("position")
    .orderBy("name")
    .execute();
  return rows.map((r) => toNewsletter(store, r));
}

/** The newsletter with this id, or undefined. */
export async function getNewsletter(store: Store, id: string): Promise<Newsletter | undefined> {
  const row = await store.db
    .selectFrom("newsletters")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toNewsletter(store, row);
}

/** The newsletter with this slug, or undefined. */
export async function getNewsletterBySlug(
  store: Store,
  slug: string,
): Promise<Newsletter | undefined> {
  const row = await store.db
    .selectFrom("newsletters")
    .selectAll()
    .where("slug", "=", slug)
    .executeTakeFirst();
  return row && toNewsletter(store, row);
}

function columns(data: ReturnType<typeof NewsletterInputSchema.parse>) {
  return {
    slug: data.slug,
    name: data.name,
    description: data.description,
    digest: data.digest === null ? null : JSON.stringify(data.digest),
    active: toBool(data.active),
    position: data.position,
  };
}

/** Creates a newsletter. Throws ContentInvalidError, or ConflictError on a taken slug. */
export async function createNewsletter(store: Store, input: NewsletterInput): Promise<Newsletter> {
  const data = parseOrThrow(NewsletterInputSchema, input, "newsletter");
  const id = randomUUID();
  const now = nowIso();
  await uniquely(store, { entity: "newsletter", field: "slug", value: data.slug }, () =>
    store.db
      .insertInto("newsletters")
      .values({ ...columns(data), id, created_at: now, updated_at: now })
      .execute(),
  );
  return { ...data, id, createdAt: now, updatedAt: now };
}

/** Replaces a newsletter's fields. Throws NotFoundError, ContentInvalidError or ConflictError. */
export async function updateNewsletter(
  store: Store,
  id: string,
  input: NewsletterInput,
): Promise<Newsletter> {
  const data = parseOrThrow(NewsletterInputSchema, input, "newsletter");
  const now = nowIso();
  const result = await uniquely(
    store,
    { entity: "newsletter", field: "slug", value: data.slug },
    () =>
      store.db
        .updateTable("newsletters")
        .set({ ...columns(data), updated_at: now })
        .where("id", "=", id)
        .executeTakeFirst(),
  );
  if (result.numUpdatedRows === 0n) throw new NotFoundError("newsletter", id);
  const updated = await getNewsletter(store, id);
  if (!updated) throw new NotFoundError("newsletter", id);
  return updated;
}

/**
 * Deletes a newsletter with its subscriptions and editions (their outbox rows go too, so nothing
 * more of it is sent). Throws NotFoundError.
 */
export async function deleteNewsletter(store: Store, id: string): Promise<void> {
  const result = await store.db.deleteFrom("newsletters").where("id", "=", id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError("newsletter", id);
}
