// The names and emails that say "a member of staff": readers may not post under them.
import type { Store } from "./store.js";

/** Every name and email that identifies a member of staff, as stored (not normalised). */
export interface StaffIdentities {
  /** Account names and the names of the people on bylines. */
  names: string[];
  /** Account emails. */
  emails: string[];
}

/**
 * The names and emails a reader may not comment under without signing in: every account's name
 * and email (disabled accounts too: a former colleague's name is still known to readers) and
 * every byline person's name (contributors without an account included: readers see them on the
 * publication's bylines all the same). A newsroom has hundreds of these, not millions, so they
 * are read whole and compared after normalisation, which SQL cannot do alike on both databases.
 */
export async function listStaffIdentities(store: Store): Promise<StaffIdentities> {
  // One round trip: it is read on every reader's comment.
  const rows = await store.db
    .selectFrom("users")
    .select(["name", "email"])
    .unionAll(store.db.selectFrom("people").select(["name", (eb) => eb.val("").as("email")]))
    .execute();
  return {
    names: rows.map((r) => r.name),
    emails: rows.map((r) => r.email).filter((e) => e !== ""),
  };
}
