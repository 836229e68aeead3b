// Merging and deleting tags, people, sections and trackers without orphaning an article: every
// article that used the one removed is rewritten first (a new version and a revision each, as an
// editor's save would make), its old public page answers 301 to the destination's (or 410 Gone
// when there is none), and the row goes, all in one transaction.
//
// A merge moves everything to the destination ("into"); a deletion names one ("moveTo") only
// where articles would be left without what they need:
// - tag: without a destination its articles just lose the tag;
// - person: articles they wrote alone go to the destination (required when there are any); on
//   co-written ones they are only taken off the byline. A merge replaces them on every byline
//   and relinks the accounts that wrote as them;
// - section: a destination is required while any article is in it (an article needs one);
//   subsections move up to the removed section's parent;
// - tracker: tracker blocks are re-pointed at the destination, or without one removed from the
//   bodies (the sentence introducing the list would otherwise promise a list that is gone). A
//   merge also moves its entries to the end of the destination's; a deletion drops them.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type ChangeEvent,
  type ChangeType,
  EVERY_PATH,
  forbidden,
  mergeInvalid,
  NotFoundError,
  type Permission,
} from "../content/index.js";
import { authorPath, sectionPath, tagPath, trackerPath } from "../content/public-paths.js";
import {
  type ArticleRewrite,
  type ArticleUse,
  articleIdsUsing,
  getArticlesByIds,
  getPersonById,
  getSectionById,
  getTagById,
  getTrackerById,
  markGone,
  recordChanges,
  redirectMovedListing,
  removePerson,
  removeSection,
  removeTag,
  removeTracker,
  replaceArticleFields,
  type Store,
  transact,
} from "../store/index.js";
import { changeAuthor } from "./article-load.js";
import { articleChanged } from "./change-events.js";

/** What can be merged or deleted. */
export type TaxonomyKind = "tag" | "person" | "section" | "tracker";

/** A merge: `id` goes, its articles move to `into`. */
export interface MergeRequest {
  id: string;
  into: string;
}

/** A deletion, with where its articles go when it is needed (see the module comment). */
export interface DeleteRequest {
  id: string;
  moveTo?: string | undefined;
}

/** What a merge or deletion did. */
export interface RemovalResult {
  /** The articles (and pages) rewritten. */
  articlesChanged: number;
  /** The public address that now redirects (or answers 410 when `redirectedTo` is null). */
  oldPath: string;
  redirectedTo: string | null;
}

/** One kind's facts: how it is named, found, used, rewritten and removed. */
interface KindRules {
  permission: Permission;
  label: string;
  event: ChangeType;
  idName: string;
  load(tx: Store, id: string): Promise<{ slug: string; name: string } | undefined>;
  path(slug: string): string;
  use(id: string): ArticleUse;
  /** How an article changes, given what goes, where to (or nowhere) and whether it is a merge. */
  rewrite(id: string, to: string | undefined, merge: boolean): ArticleRewrite;
  remove(tx: Store, id: string, mergedInto: string | undefined): Promise<void>;
  /** Refuses a deletion without destination that would orphan `articleIds`' articles. */
  needsDestination?(tx: Store, id: string, articleIds: string[]): Promise<string | undefined>;
}

const swap = (ids: readonly string[], from: string, to: string | undefined) => [
  ...new Set(ids.flatMap((x) => (x !== from ? [x] : to ? [to] : []))),
];

const RULES: Record<TaxonomyKind, KindRules> = {
  tag: {
    permission: "taxonomy.manage",
    label: "tag",
    event: "tag.deleted",
    idName: "tagId",
    load: async (tx, id) => {
      const tag = await getTagById(tx, id);
      return tag && { slug: tag.slug, name: tag.name };
    },
    path: (slug) => tagPath(slug),
    use: (tagId) => ({ tagId }),
    rewrite: (id, to) => (a) => ({ tagIds: swap(a.tagIds, id, to) }),
    remove: (tx, id, into) => removeTag(tx, id, into),
  },
  person: {
    permission: "people.manage",
    label: "person",
    event: "person.deleted",
    idName: "personId",
    load: async (tx, id) => {
      const person = await getPersonById(tx, id);
      return person && { slug: person.slug, name: person.name };
    },
    path: (slug) => authorPath(slug),
    use: (personId) => ({ personId }),
    rewrite: (id, to, merge) => (a) => ({
      // Deleting: the destination takes only the bylines that would be left empty.
      authorIds: swap(a.authorIds, id, merge || a.authorIds.length === 1 ? to : undefined),
    }),
    remove: (tx, id, into) => removePerson(tx, id, into),
    async needsDestination(tx, id, articleIds) {
      const alone = (await getArticlesByIds(tx, articleIds)).filter(
        (a) => a.authorIds.length === 1 && a.authorIds[0] === id,
      );
      return alone.length > 0
        ? `${count(alone.length)} no other author: choose the person to take them over (moveTo)`
        : undefined;
    },
  },
  section: {
    permission: "taxonomy.manage",
    label: "section",
    event: "section.deleted",
    idName: "sectionId",
    load: async (tx, id) => {
      const section = await getSectionById(tx, id);
      return section && { slug: section.slug, name: section.name };
    },
    path: (slug) => sectionPath(slug),
    use: (sectionId) => ({ sectionId }),
    rewrite: (_id, to) => () => ({ sectionId: to ?? null }),
    remove: (tx, id, into) => removeSection(tx, id, into),
    async needsDestination(_tx, _id, articleIds) {
      return articleIds.length > 0
        ? `${count(articleIds.length)} in this section and each needs one: choose where they go (moveTo)`
        : undefined;
    },
  },
  tracker: {
    permission: "trackers.manage",
    label: "tracker",
    event: "tracker.deleted",
    idName: "trackerId",
    load: async (tx, id) => {
      const tracker = await getTrackerById(tx, id);
      return tracker && { slug: tracker.slug, name: tracker.title };
    },
    path: (slug) => trackerPath(slug),
    use: (trackerId) => ({ trackerId }),
    rewrite: (id, to) => (a) => ({
      body: a.body.flatMap((b) =>
        b.type === "tracker" && b.trackerId === id ? (to ? [{ ...b, trackerId: to }] : []) : [b],
      ),
    }),
    remove: (tx, id, into) => removeTracker(tx, id, into),
  },
};

const count = (n: number) => (n === 1 ? "1 article has" : `${n} articles have`);

/**
 * Merges one tag, person, section or tracker into another of its kind: see the module comment.
 * Throws MH_FORBIDDEN, NotFoundError (the one merged) or MH_MERGE_INVALID at `into` (itself,
 * unknown).
 */
export async function mergeTaxonomy(
  deps: { store: Store },
  actor: Actor,
  kind: TaxonomyKind,
  { id, into }: MergeRequest,
): Promise<RemovalResult> {
  return removeTaxonomy(deps, actor, kind, { id, to: into, merge: true, field: "into" });
}

/**
 * Deletes a tag, person, section or tracker, moving what needs it to `moveTo`: see the module
 * comment. Throws MH_FORBIDDEN, NotFoundError or MH_MERGE_INVALID at `moveTo` (itself, unknown,
 * or missing where articles need one).
 */
export async function deleteTaxonomy(
  deps: { store: Store },
  actor: Actor,
  kind: TaxonomyKind,
  { id, moveTo }: DeleteRequest,
): Promise<RemovalResult> {
  return removeTaxonomy(deps, actor, kind, { id, to: moveTo, merge: false, field: "moveTo" });
}

/** How many articles use it: what a merge or deletion would rewrite. Throws NotFoundError. */
export async function taxonomyUsage(
  deps: { store: Store },
  kind: TaxonomyKind,
  id: string,
): Promise<{ articles: number }> {
  const rules = RULES[kind];
  if (!(await rules.load(deps.store, id))) throw new NotFoundError(rules.label, id);
  return { articles: (await articleIdsUsing(deps.store, rules.use(id))).length };
}

async function removeTaxonomy(
  deps: { store: Store },
  actor: Actor,
  kind: TaxonomyKind,
  req: { id: string; to: string | undefined; merge: boolean; field: string },
): Promise<RemovalResult> {
  const rules = RULES[kind];
  const { id, to, merge, field } = req;
  if (!actorCan(actor, rules.permission))
    throw forbidden(
      `${merge ? "merge" : "delete"} ${rules.label === "person" ? "people" : `${rules.label}s`}`,
    );
  return transact(deps.store, async (tx) => {
    const gone = await rules.load(tx, id);
    if (!gone) throw new NotFoundError(rules.label, id);
    const dest = to === undefined ? undefined : await rules.load(tx, to);
    if (to === id)
      throw mergeInvalid(field, `a ${rules.label} cannot be merged into itself: choose another`);
    if (to !== undefined && !dest)
      throw mergeInvalid(field, `no ${rules.label} with id '${to}' to move the articles to`);
    const articleIds = await articleIdsUsing(tx, rules.use(id));
    if (!to) {
      const why = await rules.needsDestination?.(tx, id, articleIds);
      if (why) throw mergeInvalid(field, why);
    }
    const summary = dest
      ? `${rules.label} '${gone.name}' ${merge ? "merged into" : "deleted; moved to"} '${dest.name}'`
      : `${rules.label} '${gone.name}' deleted`;
    const changed = await replaceArticleFields(tx, articleIds, rules.rewrite(id, to, merge), {
      actor: changeAuthor(actor),
      summary,
    });
    await rules.remove(tx, id, merge ? to : undefined);
    const oldPath = rules.path(gone.slug);
    const newPath = dest ? rules.path(dest.slug) : null;
    if (newPath) await redirectMovedListing(tx, oldPath, newPath);
    else await markGone(tx, [oldPath], `${rules.label} deleted`);
    const events: ChangeEvent[] = [];
    for (const saved of changed)
      events.push(...(await articleChanged(tx, "updated", saved.previous, saved.article)));
    events.push(removed(rules, kind, { id, to, oldPath, newPath }));
    await recordChanges(tx, events);
    return { articlesChanged: changed.length, oldPath, redirectedTo: newPath };
  });
}

/**
 * The event of the removal: the old and new listing pages (with their further pages and feeds);
 * a section (every page's navigation) and a tracker (counts in articles beyond those rewritten
 * cannot be, but the sitemap lists trackers) clear every page.
 */
function removed(
  rules: KindRules,
  kind: TaxonomyKind,
  at: { id: string; to: string | undefined; oldPath: string; newPath: string | null },
): ChangeEvent {
  const ids = { [rules.idName]: at.id, ...(at.to ? { into: at.to } : {}) };
  const paths =
    kind === "section" || kind === "tracker"
      ? [EVERY_PATH]
      : [at.oldPath, `${at.oldPath}/`, ...(at.newPath ? [at.newPath, `${at.newPath}/`] : [])];
  return { type: rules.event, ids, paths };
}
