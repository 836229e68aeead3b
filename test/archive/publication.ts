// A publication with a row in every table the archive holds: the demo, plus an uploaded image
// with renditions, comments in a thread with statuses, views, redirects, a gone address, a
// correction, revisions, a tag, a subsection, import records and accounts (with a password and a
// session, which an export must leave out).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { systemActor } from "../../src/auth/actor.js";
import { loadDemoPublication } from "../../src/services/demo-publication.js";
import { storeImage } from "../../src/services/store-image.js";
import {
  addComment,
  addCorrection,
  addLiveUpdate,
  addPublishOverrides,
  addRedirect,
  addRevisions,
  addViews,
  blockAddress,
  createSession,
  createTag,
  createUser,
  getArticleBySlug,
  listSections,
  markGone,
  recordImported,
  type Store,
  setLiveCoverageEnded,
  updateArticle,
} from "../../src/store/index.js";
import { jpegPhoto } from "../fixtures/images.js";

export const DEMO_SLUG = "trump-signals-possible-us-military-action-against-drug-cartels-in-mexico";
/** The password hash and session id given to the owner: an export must not contain them. */
export const SECRET_HASH = "scrypt$16384$8$1$c2VjcmV0c2FsdA$c2VjcmV0aGFzaHZhbHVl";
export const SESSION_ID = "f00dfacef00dfacef00dfacef00dfacef00dfacef00dfacef00dfacef00dface";

/** Fills `store` (and a new data directory) and returns the data directory. */
export async function buildPublication(store: Store): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "mh-archive-src-"));
  await loadDemoPublication({ store, dataDir }, systemActor("tests"));
  const article = await getArticleBySlug(store, DEMO_SLUG);
  if (!article) throw new Error("demo article missing");
  const [section] = await listSections(store);
  if (!section) throw new Error("demo section missing");

  // A subsection whose id sorts before its parent's: restored parents-last must still work.
  const now = new Date().toISOString();
  await store.db
    .insertInto("sections")
    .values({
      id: "00000000-0000-4000-8000-000000000001",
      slug: "mexico",
      name: "Mexico",
      description: "",
      parent_id: section.id,
      created_at: now,
      updated_at: now,
    })
    .execute();

  const owner = await createUser(
    store,
    { email: "owner@example.org", name: "Olu Owner", role: "owner" },
    SECRET_HASH,
  );
  await createUser(store, { email: "new@example.org", name: "Nia New", role: "author" }, null);
  await createSession(store, {
    id: SESSION_ID,
    userId: owner.id,
    csrfToken: "csrf-secret-token",
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  });

  const image = await storeImage(
    store,
    dataDir,
    await jpegPhoto(640, 480),
    {
      alt: "A harbour at dawn",
      credit: { creator: "Ana Photographer", license: "cc-by-4.0" },
    } as never,
    owner.id,
  );
  const tag = await createTag(store, { slug: "cartels", name: "Cartels" });
  const { id, createdAt: _c, updatedAt: _u, ...input } = article;
  const updated = await updateArticle(store, id, {
    ...input,
    headline: `${article.headline} (updated)`,
    tagIds: [tag.id],
    featuredImageId: image.id,
    featuredImageCaption: "Soldiers at the border crossing.",
    metaTitle: "U.S. weighs strikes on Mexican cartels",
    metaDescription: "What the president said, and what it would take.",
    canonicalUrl: "https://elsewhere.example/strikes",
  });
  await addRevisions(store, [
    {
      article: updated,
      version: 2,
      kind: "edit",
      summary: "headline changed",
      actor: { userId: owner.id, name: owner.name },
      previous: { article, version: 1 },
    },
  ]);
  await addCorrection(
    store,
    id,
    { kind: "correction", note: "An earlier version misstated the date." },
    { userId: owner.id, name: owner.name },
  );
  // A checklist warning accepted at a publication (publish_overrides).
  await addPublishOverrides(
    store,
    id,
    2,
    [{ check: "featured-image", message: "no featured image", reason: "A text-only brief" }],
    { userId: owner.id, name: owner.name },
  );
  // A live update (pinned, with an author) and an ended coverage: the live tables hold rows too.
  await addLiveUpdate(store, {
    articleId: id,
    body: [{ type: "paragraph", content: [{ text: "Live: the vote is under way." }] }],
    authorId: article.authorIds[0] ?? null,
    pinned: true,
  });
  await setLiveCoverageEnded(store, id, new Date().toISOString());

  const top = await addComment(
    store,
    { articleId: id, authorName: "Reader One", authorEmail: "one@example.net", body: "First!" },
    { status: "approved", authorKey: "key-1", commenterHash: "commenter-1", addressHash: "addr-1" },
  );
  await addComment(
    store,
    { articleId: id, parentId: top.id, authorName: "Reader Two", body: "A reply\nover two lines" },
    { status: "approved", addressHash: "addr-2" },
  );
  await addComment(
    store,
    { articleId: id, authorName: "Spammer", body: "buy now" },
    { status: "spam", addressHash: "addr-3" },
  );
  await addComment(
    store,
    { articleId: id, authorName: "Held", body: "first comment, held" },
    { status: "pending", addressHash: "addr-4" },
  );
  await blockAddress(store, "addr-3", owner.id);

  await addViews(store, id, 7, new Date("2026-11-29T10:00:00Z"));
  await addViews(store, id, 3, new Date("2026-11-30T10:00:00Z"));
  await addRedirect(store, { from: "/2019/05/harbour", to: `/articles/${DEMO_SLUG}` });
  await addRedirect(store, { from: "/old/:slug", to: "/articles/:slug" });
  await markGone(store, ["/private-post"], "password-protected on the old site");
  const about = (
    await store.db.selectFrom("articles").select("id").where("kind", "=", "page").execute()
  )[0];
  await recordImported(store, "wordpress:https://old.example.org", [
    { kind: "article", sourceId: "12", targetId: id, targetVersion: 2, contentHash: "abc" },
    ...(about
      ? [
          {
            kind: "page" as const,
            sourceId: "2",
            targetId: about.id,
            targetVersion: 1,
            contentHash: "def",
          },
        ]
      : []),
  ]);
  await addEmailRows(store, id, owner.id);
  return dataDir;
}

/** A newsletter with a confirmed subscriber, consent, an edition and the other email tables. */
async function addEmailRows(store: Store, articleId: string, ownerId: string): Promise<void> {
  const at = "2026-11-30T09:00:00.000Z";
  const { db } = store;
  await db
    .insertInto("newsletters")
    .values({
      id: "nl-1",
      slug: "daily",
      name: "The Daily",
      description: "Every morning",
      digest: JSON.stringify({ cadence: "daily", sectionIds: [], hourUtc: 7 }),
      active: 1,
      position: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto("subscribers")
    .values({
      id: "sub-1",
      email: "reader@example.net",
      name: "Reader",
      status: "confirmed",
      secret: "c2VjcmV0",
      created_at: at,
      confirmed_at: at,
      unsubscribed_at: null,
      confirm_sent_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto("subscriptions")
    .values({ subscriber_id: "sub-1", newsletter_id: "nl-1", created_at: at })
    .execute();
  await db
    .insertInto("editions")
    .values({
      id: "ed-1",
      newsletter_id: "nl-1",
      kind: "article",
      article_id: articleId,
      article_ids: JSON.stringify([articleId]),
      subject: "Today",
      intro: "",
      slug: "today",
      status: "sent",
      html: "<p>Today</p>",
      text: "Today",
      send_at: null,
      recipients: 1,
      created_by: ownerId,
      created_at: at,
      updated_at: at,
      queued_at: at,
      sent_at: at,
    })
    .execute();
  await db
    .insertInto("subscriber_consents")
    .values({
      id: "consent-1",
      subscriber_id: "sub-1",
      action: "confirm",
      form: "newsletter-page",
      newsletter_ids: JSON.stringify(["nl-1"]),
      edition_id: null,
      at,
    })
    .execute();
  await db
    .insertInto("mail_suppressions")
    .values({ email: "gone@example.net", reason: "hard_bounce", detail: "5.1.1", created_at: at })
    .execute();
  await db
    .insertInto("notification_settings")
    .values({ user_id: ownerId, kind: "comments_held", enabled: 0 })
    .execute();
  await db
    .insertInto("commenter_email_confirmations")
    .values({
      token_hash: "token-hash-1",
      commenter_hash: "commenter-1",
      email: "one@example.net",
      created_at: at,
      expires_at: at,
      confirmed_at: at,
    })
    .execute();
}
