// Who may do what to one article: the role's permissions (PERMISSIONS) combined with ownership
// (the actor's staff Person is among the authors) and the article's status.

import { type Actor, actorCan, actorPersonId } from "../auth/actor.js";
import {
  type Article,
  type ArticleStatus,
  forbiddenBecause,
  isPublicationStatus,
  TRANSITIONS,
  transitionRight,
} from "../content/index.js";

/**
 * Whether the actor may see this article at all: a published one, or any with
 * `article.read.unpublished` (every staff role; an API key only when granted it).
 */
export function maySee(actor: Actor, article: Pick<Article, "status">): boolean {
  return article.status === "published" || actorCan(actor, "article.read.unpublished");
}

/** Whether the actor writes as one of the article's authors. */
export function ownsArticle(actor: Actor, article: Pick<Article, "authorIds">): boolean {
  const personId = actorPersonId(actor);
  return personId !== null && article.authorIds.includes(personId);
}

/** Whether the actor may publish, schedule, unpublish or correct this article. */
export function mayPublish(actor: Actor, article: Pick<Article, "authorIds">): boolean {
  return (
    actorCan(actor, "article.publish.any") ||
    (actorCan(actor, "article.publish.own") && ownsArticle(actor, article))
  );
}

/**
 * Whether the actor may change the article's content: a draft or one in review with edit
 * rights (own or any); one that is scheduled, published or unpublished only with publish rights,
 * since readers see (or will see) the change.
 */
export function mayEdit(actor: Actor, article: Pick<Article, "authorIds" | "status">): boolean {
  if (isPublicationStatus(article.status)) return mayPublish(actor, article);
  return (
    actorCan(actor, "article.edit.any") ||
    (actorCan(actor, "article.edit.own") && ownsArticle(actor, article))
  );
}

/** Whether the actor may move the article to `to` (the state machine is checked separately). */
export function mayTransition(
  actor: Actor,
  article: Pick<Article, "authorIds" | "status">,
  to: ArticleStatus,
): boolean {
  if (transitionRight(article.status, to) === "publish") return mayPublish(actor, article);
  return (
    actorCan(actor, "article.edit.any") ||
    (actorCan(actor, "article.submit") && ownsArticle(actor, article))
  );
}

/** The statuses the actor may move the article to now. */
export function transitionsFor(
  actor: Actor,
  article: Pick<Article, "authorIds" | "status">,
): ArticleStatus[] {
  return TRANSITIONS[article.status].filter((to) => mayTransition(actor, article, to));
}

/** What the actor may do with the article, for the editor to show the right controls. */
export function articleAbilities(actor: Actor, article: Article) {
  return {
    edit: mayEdit(actor, article),
    publish: mayPublish(actor, article),
    delete: actorCan(actor, "article.delete"),
    transitions: transitionsFor(actor, article),
  };
}

/**
 * Refuses a save that would leave an actor without rights over other people's articles outside
 * the byline: they could no longer open what they just wrote.
 */
export function requireStaysOwn(
  actor: Actor,
  article: Pick<Article, "authorIds" | "status">,
): void {
  const any = isPublicationStatus(article.status)
    ? actorCan(actor, "article.publish.any")
    : actorCan(actor, "article.edit.any");
  if (any || ownsArticle(actor, article)) return;
  throw forbiddenBecause(
    actorPersonId(actor) === null
      ? "your account is not linked to a staff person, so you can only write articles as yourself once an owner links it"
      : "you can only save articles you are an author of: keep yourself in authorIds",
  );
}

/**
 * Refuses a byline change that touches anyone but the actor: without `article.edit.any`, the
 * authors other than one's own Person must stay exactly as they were (`before`, or none for a new
 * article). Otherwise a writer could add a colleague, handing them "own article" rights, or drop
 * one. Keeping or adding oneself is checked by requireStaysOwn.
 */
export function requireBylineOwnChange(
  actor: Actor,
  before: readonly string[],
  after: readonly string[],
): void {
  if (actorCan(actor, "article.edit.any")) return;
  const self = actorPersonId(actor);
  const others = (ids: readonly string[]) => ids.filter((id) => id !== self);
  const was = others(before);
  const now = others(after);
  if (was.length === now.length && was.every((id, i) => id === now[i])) return;
  throw forbiddenBecause(
    "only editors and owners change other people on a byline: you may add or remove only yourself in authorIds, and keep the other authors as they are",
  );
}

/** An HTML block's identity for requireHtmlAllowed: its markup and reason (incomplete ones too). */
function htmlKeys(body: readonly { type: string }[]): string[] {
  return body.flatMap((b) => {
    const block = (b.type === "incomplete" ? (b as { block?: unknown }).block : b) as
      | { type?: unknown; html?: unknown; reason?: unknown }
      | undefined;
    return block?.type === "html" ? [JSON.stringify([block.html, block.reason ?? null])] : [];
  });
}

/**
 * Refuses a body with an HTML block the stored body (`before`, empty for a new article) did not
 * hold as it is, unless the actor has `block.html`: writing or changing markup is for trusted
 * staff, while anyone who may edit the article may keep (or remove) an unchanged imported block.
 * Blocks are compared by content, so moving one is not a change.
 */
export function requireHtmlAllowed(
  actor: Actor,
  before: readonly { type: string }[],
  after: readonly { type: string }[],
): void {
  if (actorCan(actor, "block.html")) return;
  const kept = new Map<string, number>();
  for (const key of htmlKeys(before)) kept.set(key, (kept.get(key) ?? 0) + 1);
  for (const key of htmlKeys(after)) {
    const left = kept.get(key) ?? 0;
    if (left === 0)
      throw forbiddenBecause(
        "only editors and owners write or change HTML blocks: keep the HTML blocks as they were, or write their content as other blocks",
      );
    kept.set(key, left - 1);
  }
}
