// Newsletters: adding, changing and removing what readers can subscribe to. Subscribe forms on
// articles and the front page list the newsletters, so each change may change any page.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  ContentInvalidError,
  forbidden,
  NEWSLETTER_RESERVED_SLUGS,
  type Newsletter,
  type NewsletterInput,
} from "../content/index.js";
import {
  createNewsletter,
  deleteNewsletter,
  listNewsletters,
  newsletterDraftCounts,
  newsletterSubscriberCounts,
  recordChanges,
  type Store,
  transact,
  updateNewsletter,
} from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

// /newsletter/confirm and its siblings are the subscribers' pages: a newsletter there would
// never be reachable.
function refuseReservedSlug(input: NewsletterInput): void {
  const slug = typeof input.slug === "string" ? input.slug : "";
  if ((NEWSLETTER_RESERVED_SLUGS as readonly string[]).includes(slug))
    throw new ContentInvalidError("newsletter", [
      { path: "slug", message: `'${slug}' is used by the subscription pages; choose another` },
    ]);
}

/** A newsletter with how many confirmed and pending subscribers it has. */
export interface NewsletterWithCounts extends Newsletter {
  subscribers: { confirmed: number; pending: number };
  /** Draft editions waiting for an editor (a digest kept for review shows up here). */
  drafts: number;
}

/** Every newsletter with its subscriber counts, for the admin's Newsletters screen. */
export async function newslettersWithCounts(deps: {
  store: Store;
}): Promise<NewsletterWithCounts[]> {
  const [newsletters, counts, drafts] = await Promise.all([
    listNewsletters(deps.store),
    newsletterSubscriberCounts(deps.store),
    newsletterDraftCounts(deps.store),
  ]);
  return newsletters.map((n) => ({
    ...n,
    subscribers: counts.get(n.id) ?? { confirmed: 0, pending: 0 },
    drafts: drafts.get(n.id) ?? 0,
  }));
}

/** Adds a newsletter. Throws MH_FORBIDDEN, ContentInvalidError or ConflictError (slug taken). */
export async function addNewsletter(
  deps: { store: Store },
  actor: Actor,
  input: NewsletterInput,
): Promise<Newsletter> {
  if (!actorCan(actor, "newsletter.manage")) throw forbidden("add newsletters");
  refuseReservedSlug(input);
  return transact(deps.store, async (tx) => {
    const newsletter = await createNewsletter(tx, input);
    await recordChanges(tx, [
      changedEverywhere("newsletter.created", { newsletterId: newsletter.id }),
    ]);
    return newsletter;
  });
}

/**
 * Replaces a newsletter's fields (name, description, digest schedule, …). Throws MH_FORBIDDEN,
 * NotFoundError, ContentInvalidError or ConflictError.
 */
export async function editNewsletter(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: NewsletterInput },
): Promise<Newsletter> {
  if (!actorCan(actor, "newsletter.manage")) throw forbidden("edit newsletters");
  refuseReservedSlug(change.input);
  return transact(deps.store, async (tx) => {
    const newsletter = await updateNewsletter(tx, change.id, change.input);
    await recordChanges(tx, [
      changedEverywhere("newsletter.updated", { newsletterId: newsletter.id }),
    ]);
    return newsletter;
  });
}

/**
 * Deletes a newsletter with its subscriptions and editions; what of it was still waiting in the
 * outbox is not sent. Throws MH_FORBIDDEN or NotFoundError.
 */
export async function removeNewsletter(
  deps: { store: Store },
  actor: Actor,
  id: string,
): Promise<void> {
  if (!actorCan(actor, "newsletter.manage")) throw forbidden("delete newsletters");
  await transact(deps.store, async (tx) => {
    await deleteNewsletter(tx, id);
    await recordChanges(tx, [changedEverywhere("newsletter.deleted", { newsletterId: id })]);
  });
}
