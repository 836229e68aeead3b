// Reads for giving an account its byline: a person no account writes as yet, and a free slug
// for a new person's author page.

import type { Person } from "../content/index.js";
import { slugify } from "../content/index.js";
import { toPerson } from "./rows.js";
import type { Store } from "./store.js";

/**
 * The person named exactly `name` (ignoring case) whom no account is linked to, or undefined; the
 * oldest when there are several (e.g. the same name imported twice).
 */
export async function findUnlinkedPersonByName(
  store: Store,
  name: string,
): Promise<Person | undefined> {
  const row = await store.db
    .selectFrom("people")
    .selectAll("people")
    .where((eb) => eb(eb.fn("lower", ["people.name"]), "=", name.trim().toLowerCase()))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom("users").select("users.id").whereRef("users.person_id", "=", "people.id"),
        ),
      ),
    )
    .orderBy("people.created_at")
    .orderBy("people.id")
    .executeTakeFirst();
  return row && toPerson(row);
}

/** A slug for a new person called `name` that no person has: `jo-iner`, else `jo-iner-2`, … */
export async function freePersonSlug(store: Store, name: string): Promise<string> {
  const base = slugify(name).slice(0, 100) || "staff";
  const taken = new Set(
    (
      await store.db
        .selectFrom("people")
        .select("slug")
        .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
        .execute()
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
