// Editions: "send as newsletter" of a published article, digests composed on schedule, their
// preview and test send, and sending itself: the edition is rendered once, and one INSERT …
// SELECT queues a row per confirmed subscriber in the same transaction that marks it queued.
import { type Actor, actorCan, systemActor } from "../auth/actor.js";
import { type Config, mailDomain } from "../config.js";
import {
  ContentInvalidError,
  conflict,
  digestSectionIds,
  dueDigest,
  type Edition,
  type EditionEdit,
  type EditionFigures,
  type EditionFromArticle,
  editionPath,
  forbidden,
  type Newsletter,
  NotFoundError,
  newsletterArchivePath,
} from "../content/index.js";
import { subscriberLinks } from "../mail/links.js";
import {
  EMAIL_LINK_PLACEHOLDERS,
  type EmailLinks,
  personalize,
  type RenderedEmail,
  renderArticleEmail,
  renderDigestEmail,
} from "../mail/render/index.js";
import {
  deleteDraftEdition,
  editionFigures,
  finishSentEditions,
  getEdition,
  getEditionParts,
  getNewsletter,
  getUserById,
  insertEdition,
  listEditions,
  listNewsletters,
  listSections,
  markEditionQueued,
  markEditionsSending,
  publishedArticleIdsBetween,
  queueEditionMail,
  queueMail,
  recordChanges,
  type Store,
  transact,
  updateDraftEdition,
} from "../store/index.js";
import { changedOutOfSight } from "./change-events.js";
import { loadDigestItems, loadEmailArticle, loadEmailPublication } from "./email-content.js";

/** What editions need: the store, and the configuration (public URL, whether sending is on). */
export interface EditionDeps {
  store: Store;
  config: Pick<Config, "mail" | "publicUrl">;
}

function requireManage(actor: Actor, what: string): void {
  if (!actorCan(actor, "newsletter.manage")) throw forbidden(what);
}

// Queueing while sending is off would pile up messages nobody sends, then send them all, late,
// the day SMTP is configured.
function requireSending(config: EditionDeps["config"]): void {
  if (config.mail.smtpUrl === null)
    throw conflict(
      "sending email is off: set MASTHEAD_SMTP_URL and MASTHEAD_MAIL_FROM (see docs/EMAIL.md) and restart, then send",
    );
}

async function requireEdition(store: Store, id: string): Promise<Edition> {
  const edition = await getEdition(store, id);
  if (!edition) throw new NotFoundError("edition", id);
  return edition;
}

async function requireNewsletter(store: Store, id: string): Promise<Newsletter> {
  const newsletter = await getNewsletter(store, id);
  if (!newsletter) throw new NotFoundError("newsletter", id);
  return newsletter;
}

/** The events of an edition readers can now see: its web copy and its newsletter's list. */
function editionShown(
  type: "edition.queued" | "edition.sent",
  edition: Edition,
  newsletter: Pick<Newsletter, "slug">,
) {
  return {
    type,
    ids: { editionId: edition.id, newsletterId: edition.newsletterId },
    paths: [editionPath(newsletter.slug, edition.slug), newsletterArchivePath(newsletter.slug)],
  };
}

/** An edition with its figures, as the admin lists it. */
export interface EditionWithFigures extends Edition {
  figures: EditionFigures;
}

/** A newsletter's editions (newest first) with their figures. */
export async function editionsWithFigures(
  deps: { store: Store },
  newsletterId: string,
): Promise<EditionWithFigures[]> {
  await requireNewsletter(deps.store, newsletterId);
  const editions = await listEditions(deps.store, newsletterId, { limit: 100 });
  const figures = await editionFigures(deps.store, editions);
  return editions.map((e) => ({ ...e, figures: figures.get(e.id) as EditionFigures }));
}

/** One edition with its figures. Throws NotFoundError. */
export async function editionWithFigures(
  deps: { store: Store },
  id: string,
): Promise<EditionWithFigures> {
  const edition = await requireEdition(deps.store, id);
  const figures = await editionFigures(deps.store, [edition]);
  return { ...edition, figures: figures.get(edition.id) as EditionFigures };
}

/**
 * "Send as newsletter": a draft edition of one published article, to preview and then send. The
 * subject defaults to the headline. Throws MH_FORBIDDEN, NotFoundError (newsletter, article) or
 * MH_CONFLICT when readers cannot see the article.
 */
export async function editionFromArticle(
  deps: EditionDeps,
  actor: Actor,
  input: EditionFromArticle,
  now = new Date(),
): Promise<Edition> {
  requireManage(actor, "compose newsletter editions");
  await requireNewsletter(deps.store, input.newsletterId);
  const { article } = await loadEmailArticle(deps.store, input.articleId, now);
  return transact(deps.store, async (tx) => {
    const edition = await insertEdition(tx, {
      newsletterId: input.newsletterId,
      kind: "article",
      articleId: article.id,
      articleIds: [article.id],
      subject: input.subject ?? article.headline,
      intro: input.intro,
      slug: article.slug,
      createdBy: actor.userId,
    });
    if (!edition) throw new Error("edition not created");
    await recordChanges(tx, [changedOutOfSight("edition.created", { editionId: edition.id })]);
    return edition;
  });
}

/**
 * Changes a draft edition: subject, intro, and a digest's articles (removed or reordered, never
 * added). Throws MH_FORBIDDEN, NotFoundError, ContentInvalidError, or MH_CONFLICT once queued.
 */
export async function editEdition(
  deps: { store: Store },
  actor: Actor,
  change: { id: string; input: EditionEdit },
): Promise<Edition> {
  requireManage(actor, "edit newsletter editions");
  const edition = await requireEdition(deps.store, change.id);
  const { articleIds } = change.input;
  if (articleIds !== undefined) {
    const known = new Set(edition.articleIds);
    const issues = articleIds.flatMap((id, i) =>
      edition.kind !== "digest" || !known.has(id)
        ? [
            {
              path: `articleIds.${i}`,
              message:
                edition.kind === "digest"
                  ? `article '${id}' is not in this digest; only its own articles can be kept or reordered`
                  : "an article edition sends its one article; its articles cannot change",
            },
          ]
        : [],
    );
    if (new Set(articleIds).size !== articleIds.length)
      issues.push({ path: "articleIds", message: "an article is listed twice" });
    if (issues.length > 0) throw new ContentInvalidError("edition", issues);
  }
  return transact(deps.store, async (tx) => {
    if (!(await updateDraftEdition(tx, change.id, change.input)))
      throw conflict(`this edition is ${edition.status}; only a draft can be changed`);
    await recordChanges(tx, [changedOutOfSight("edition.updated", { editionId: edition.id })]);
    return (await getEdition(tx, change.id)) as Edition;
  });
}

/** Deletes a draft edition. Throws MH_FORBIDDEN, NotFoundError, or MH_CONFLICT once queued. */
export async function removeEdition(
  deps: { store: Store },
  actor: Actor,
  id: string,
): Promise<void> {
  requireManage(actor, "delete newsletter editions");
  const edition = await requireEdition(deps.store, id);
  await transact(deps.store, async (tx) => {
    if (!(await deleteDraftEdition(tx, id)))
      throw conflict(`this edition is ${edition.status}; only a draft can be deleted`);
    await recordChanges(tx, [changedOutOfSight("edition.deleted", { editionId: id })]);
  });
}

/**
 * Renders an edition from its content as it is now, with the web copy's address filled in (the
 * same for every recipient) and the per-recipient links left as placeholders for the sender.
 * MH_CONFLICT when its article is no longer public, or none of a digest's is.
 */
async function renderEdition(
  deps: EditionDeps,
  edition: Edition,
  newsletter: Newsletter,
  now: Date,
): Promise<RenderedEmail> {
  const publication = await loadEmailPublication(deps.store, deps.config.publicUrl);
  const intro = edition.intro === "" ? undefined : edition.intro;
  let rendered: RenderedEmail;
  if (edition.kind === "article") {
    if (edition.articleId === null)
      throw conflict("the article of this edition was deleted; delete the edition");
    const content = await loadEmailArticle(deps.store, edition.articleId, now);
    rendered = renderArticleEmail({
      publication,
      newsletter: { name: newsletter.name },
      content,
      subject: edition.subject,
      ...(intro ? { intro } : {}),
    });
  } else {
    const items = await loadDigestItems(deps.store, edition.articleIds, now);
    if (items.length === 0)
      throw conflict("none of this digest's articles is published any more; nothing to send");
    rendered = renderDigestEmail({
      publication,
      newsletter: { name: newsletter.name },
      heading: edition.subject,
      subject: edition.subject,
      items,
      ...(intro ? { intro } : {}),
    });
  }
  return personalize(rendered, {
    unsubscribe: EMAIL_LINK_PLACEHOLDERS.unsubscribe,
    preferences: EMAIL_LINK_PLACEHOLDERS.preferences,
    webVersion: `${deps.config.publicUrl}${editionPath(newsletter.slug, edition.slug)}`,
  });
}

/** The parts an edition sends: stored once queued, rendered afresh while a draft. */
async function editionParts(
  deps: EditionDeps,
  edition: Edition,
  newsletter: Newsletter,
  now: Date,
): Promise<RenderedEmail> {
  if (edition.status !== "draft") {
    const stored = await getEditionParts(deps.store, edition.id);
    if (stored) return { subject: edition.subject, ...stored };
  }
  return renderEdition(deps, edition, newsletter, now);
}

/** Links that look like a subscriber's but belong to nobody: for previews and test sends. */
function sampleLinks(deps: EditionDeps, edition: Edition, newsletter: Newsletter): EmailLinks {
  const links = subscriberLinks(
    deps.config.publicUrl,
    { id: "preview", secret: "preview" },
    edition.id,
  );
  return {
    unsubscribe: links.unsubscribe,
    preferences: links.preferences,
    webVersion: `${deps.config.publicUrl}${editionPath(newsletter.slug, edition.slug)}`,
  };
}

/**
 * The edition as a subscriber would get it (links made for a sample subscriber): HTML or plain
 * text. Throws MH_FORBIDDEN, NotFoundError or MH_CONFLICT (its article no longer public).
 */
export async function previewEdition(
  deps: EditionDeps,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<RenderedEmail> {
  requireManage(actor, "preview newsletter editions");
  const edition = await requireEdition(deps.store, id);
  const newsletter = await requireNewsletter(deps.store, edition.newsletterId);
  const parts = await editionParts(deps, edition, newsletter, now);
  return personalize(parts, sampleLinks(deps, edition, newsletter));
}

/**
 * Queues one copy of the edition, marked as a test, to the signed-in person's own address.
 * Throws MH_FORBIDDEN, NotFoundError, or MH_CONFLICT when sending is off.
 */
export async function sendTestEdition(
  deps: EditionDeps,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<{ to: string }> {
  requireManage(actor, "send test editions");
  requireSending(deps.config);
  if (actor.userId === null) throw conflict("a test is sent to a person's address; sign in");
  const user = await getUserById(deps.store, actor.userId);
  if (!user) throw new NotFoundError("user", actor.userId);
  const edition = await requireEdition(deps.store, id);
  const newsletter = await requireNewsletter(deps.store, edition.newsletterId);
  const parts = personalize(
    await editionParts(deps, edition, newsletter, now),
    sampleLinks(deps, edition, newsletter),
  );
  await transact(deps.store, (tx) =>
    queueMail(
      tx,
      [
        {
          kind: "test",
          to: { address: user.email, name: user.name },
          subject: `[Test] ${parts.subject}`,
          html: parts.html,
          text: parts.text,
          userId: user.id,
        },
      ],
      mailDomain(deps.config),
    ),
  );
  return { to: user.email };
}

/**
 * Sends an edition: renders it once, marks it queued and queues a row per confirmed,
 * unsuppressed subscriber, all in one transaction, then records `edition.queued` (its web copy
 * appears). Throws MH_FORBIDDEN, NotFoundError, or MH_CONFLICT: sending is off, it was queued
 * already, its article is not public, or nobody would receive it.
 */
export async function sendEdition(
  deps: EditionDeps,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<Edition> {
  requireManage(actor, "send newsletter editions");
  requireSending(deps.config);
  const edition = await requireEdition(deps.store, id);
  if (edition.status !== "draft")
    throw conflict(`this edition is ${edition.status} already; an edition is sent once`);
  const newsletter = await requireNewsletter(deps.store, edition.newsletterId);
  const rendered = await renderEdition(deps, edition, newsletter, now);
  return transact(deps.store, async (tx) => {
    if (!(await markEditionQueued(tx, id, rendered)))
      throw conflict("this edition was sent meanwhile; an edition is sent once");
    const recipients = await queueEditionMail(tx, edition, mailDomain(deps.config));
    if (recipients === 0)
      throw conflict(
        `'${newsletter.name}' has no confirmed subscribers (or every one is suppressed): nobody would receive this edition`,
      );
    const queued = (await getEdition(tx, id)) as Edition;
    await recordChanges(tx, [editionShown("edition.queued", queued, newsletter)]);
    return queued;
  });
}

/** Where the digest job logs. */
export interface DigestLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Composes the digests due at `now`: for each active newsletter with a schedule, the articles
 * published in its window in its sections, as a draft edition whose slug is the day (so several
 * instances make it once); with autoSend it is sent at once. Returns the editions this call made.
 */
export async function composeDueDigests(
  deps: EditionDeps & { log?: DigestLog },
  now = new Date(),
): Promise<Edition[]> {
  const actor = systemActor("digests");
  const made: Edition[] = [];
  for (const newsletter of await listNewsletters(deps.store)) {
    const schedule = newsletter.digest;
    if (!newsletter.active || schedule === null) continue;
    const due = dueDigest(schedule, now, newsletter.createdAt);
    if (!due) continue;
    const articleIds = await publishedArticleIdsBetween(deps.store, {
      from: due.from,
      to: due.to,
      sectionIds: digestSectionIds(await listSections(deps.store), schedule.sectionIds),
    });
    // A day without articles has no digest.
    if (articleIds.length === 0) continue;
    const edition = await transact(deps.store, async (tx) => {
      const created = await insertEdition(
        tx,
        {
          newsletterId: newsletter.id,
          kind: "digest",
          articleId: null,
          articleIds,
          subject: due.heading,
          intro: "",
          slug: due.slug,
          createdBy: null,
        },
        { exactSlug: true },
      );
      if (created)
        await recordChanges(tx, [changedOutOfSight("edition.created", { editionId: created.id })]);
      return created;
    });
    if (!edition) continue;
    made.push(edition);
    deps.log?.info({ newsletter: newsletter.slug, edition: edition.slug }, "digest composed");
    if (!schedule.autoSend) continue;
    try {
      made[made.length - 1] = await sendEdition(deps, actor, edition.id, now);
    } catch (error) {
      // It stays a draft an editor can see, fix and send.
      deps.log?.error(
        { err: error, newsletter: newsletter.slug, edition: edition.slug },
        "digest composed but not sent",
      );
    }
  }
  return made;
}

/**
 * Marks sent the editions (of `ids`, if given) with nothing left in the outbox, recording
 * `edition.sent` for each.
 */
export async function finishEditions(
  deps: { store: Store },
  ids?: readonly string[],
): Promise<Edition[]> {
  return transact(deps.store, async (tx) => {
    const finished = await finishSentEditions(tx, ids);
    const events = [];
    for (const edition of finished) {
      const newsletter = await getNewsletter(tx, edition.newsletterId);
      if (newsletter) events.push(editionShown("edition.sent", edition, newsletter));
    }
    await recordChanges(tx, events);
    return finished;
  });
}

/**
 * Moves editions along as a sender hands their rows to SMTP: `sending` after the first, `sent`
 * (with its event) once none waits. The digest job does the same each minute as a safety net.
 */
export async function settleEditions(
  deps: { store: Store },
  ids: readonly string[],
): Promise<void> {
  const unique = [...new Set(ids)];
  await markEditionsSending(deps.store, unique);
  await finishEditions(deps, unique);
}

/** How often the digest job looks for due digests and finished editions. */
export const DIGEST_JOB_INTERVAL_MS = 60_000;

/** The digest job of one instance. */
export interface DigestJob {
  start(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
  /** One run now (at the clock's time). */
  runOnce(): Promise<void>;
}

/**
 * Creates the digest job of one instance: once a minute it composes the digests that came due
 * and marks finished editions sent. Several instances may each run one: a digest's slug is unique
 * per newsletter, and an edition is marked sent by a conditional update.
 */
export function createDigestJob(
  deps: EditionDeps & {
    log: DigestLog;
    clock?: () => Date;
    intervalMs?: number;
  },
): DigestJob {
  const clock = deps.clock ?? (() => new Date());
  const intervalMs = deps.intervalMs ?? DIGEST_JOB_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const run = async () => {
    try {
      await composeDueDigests(deps, clock());
      await finishEditions(deps);
    } catch (error) {
      // The database briefly away: the next run tries again.
      deps.log.error({ err: error }, "the digest job failed; trying again in a minute");
    }
  };
  const runOnce = () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    async start() {
      if (timer || stopped) return;
      timer = setInterval(() => void runOnce(), intervalMs);
      // The timer alone must not keep the process (or a test run) alive.
      timer.unref();
      await runOnce();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
