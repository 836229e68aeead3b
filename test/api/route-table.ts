// Every admin API route, and every public route that writes, as data: a recipe for a
// representative successful call, who may make it, and the change events it must record.
// test/api/route-table.test.ts fails for a registered route missing here (so a new route cannot
// land without its events) and checks each write's events in the outbox; test/api/role-sweep
// runs every recipe as every role. Keys are "METHOD /url" exactly as Fastify registers them.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { hashPassword } from "../../src/auth/password.js";
import { hashToken, newToken } from "../../src/auth/tokens.js";
import { type ChangeType, can, type Permission, type Role } from "../../src/content/index.js";
import { subscriberLinks } from "../../src/mail/links.js";
import { makeFormStamp } from "../../src/site/comments/signing.js";
import {
  addComment,
  addCommenterConfirmation,
  addRedirect,
  blockAddress,
  createNewsletter,
  createPerson,
  createSection,
  createSubscriber,
  createTag,
  createTracker,
  createUser,
  getCommentSecret,
  getSubscriber,
  insertEdition,
  setSubscriptions,
} from "../../src/store/index.js";
import { jpegPhoto } from "../fixtures/images.js";
import { signIn, TEST_PASSWORD } from "../helpers/auth.js";
import {
  personInput,
  sectionInput,
  tagInput,
  trackerInput,
  uniqueSlug,
} from "../helpers/fixtures.js";
import { CREDITED, multipart } from "./media/requests.js";
import { API, type Call, type RouteApp, type Staff } from "./route-app.js";

/** The status a call gets, per role, and signed out (401 unless the route is public). */
export type Expected = Record<Role, number> & { signedOut?: number };

export interface RouteEntry {
  /** What the representative call does, as a test name. */
  does: string;
  /**
   * Builds the call for `who` (signed out: undefined), creating what it needs first, fresh for
   * every caller.
   */
  call(t: RouteApp, who: Staff | undefined): Promise<Call>;
  expected: Expected;
  /**
   * Writes only (POST, PUT, PATCH, DELETE): the event types one successful call records, each
   * once or more; `[]` only with `noEventsBecause`.
   */
  events?: ChangeType[];
  /** Why a write records no change event. */
  noEventsBecause?: string;
  /** Waits for work the call started and answered before finishing (an import run). */
  settle?(t: RouteApp, res: LightMyRequestResponse): Promise<void>;
}

const roles = (contributor: number, author: number, editor: number, owner: number): Expected => ({
  contributor,
  author,
  editor,
  owner,
});
/** Every role gets `status`. */
const all = (status: number) => roles(status, status, status, status);
/** Editors and owners get `status`, the others 403. */
const editorsOnly = (status: number) => roles(403, 403, status, status);
/** Authors, editors and owners get `status` (publishing one's own, reading comments, figures). */
const publishers = (status: number) => roles(403, status, status, status);
const ownersOnly = (status: number) => roles(403, 403, 403, status);
/** A public route: everyone, signed in or not, gets `status`. */
const anyone = (status: number): Expected => ({ ...all(status), signedOut: status });

const holds = (who: Staff | undefined, permission: Permission) =>
  who !== undefined && can(who.role, permission);
const MISSING = "00000000-0000-4000-8000-000000000000";
/** An admin API path. */
const admin = (url: string) => `${API}${url}`;

/** An article edit: a new headline and slug, keeping everything else valid. */
async function edit(t: RouteApp, slug: string, authorIds: string[], version: number) {
  const { slug: _s, ...rest } = (await t.basics()).articleInput({ headline: "Edited headline" });
  return { ...rest, slug: `${slug}-edited`, authorIds, version };
}

/** A pending reader comment on a new published article. */
async function pendingComment(t: RouteApp) {
  const article = await t.article({ status: "published" });
  const comment = await addComment(
    t.store,
    { articleId: article.id, authorName: "Reader", authorEmail: "reader@example.org", body: "Hi" },
    { status: "pending", commenterHash: "c".repeat(64), addressHash: addressHash() },
  );
  return { article, comment };
}

/** A live article of `who` (published unless said otherwise), made live straight in the store. */
async function liveArticle(
  t: RouteApp,
  who: Staff | undefined,
  status: "draft" | "published" = "published",
) {
  const article = await t.article({ authorId: who?.personId, status });
  await t.store.db
    .updateTable("articles")
    .set({ type: "live" })
    .where("id", "=", article.id)
    .execute();
  return article;
}

/** A live article of `who` with one update, posted by an owner. */
async function liveUpdate(t: RouteApp, who: Staff | undefined) {
  const article = await liveArticle(t, who);
  const posted = await t.send(await t.owner(), {
    method: "POST",
    url: admin(`/articles/${article.id}/live-updates`),
    payload: { body: [{ type: "paragraph", content: [{ text: "Polls are open." }] }] },
  });
  return { article, updateId: posted.json().update.id as string };
}

let addresses = 0;
/** A fresh address hash, in the shape comments give them. */
function addressHash(): string {
  addresses += 1;
  return `${"Z".repeat(24)}${String(addresses).padStart(8, "0")}`;
}

let ips = 0;
/** A client address of its own, so no post counts against another's rate limit. */
function freshIp(): string {
  ips += 1;
  return `10.9.${(ips >> 8) & 255}.${ips & 255}`;
}

/** A WordPress export as the admin app uploads it, with the import's form fields. */
async function wordpressUpload(fields: Record<string, string>) {
  const body = await multipart(fields, {
    name: "small-1.1.xml",
    type: "application/xml",
    data: await readFile(path.resolve("test/fixtures/wordpress/small-1.1.xml")),
  });
  return { payload: body.payload, headers: body.headers };
}

/** Waits until the import run a call started has finished (one import runs at a time). */
async function importFinished(t: RouteApp, res: LightMyRequestResponse): Promise<void> {
  if (res.statusCode !== 202) return;
  const id = res.json().run.id as string;
  const owner = await t.owner();
  for (let i = 0; i < 600; i++) {
    const run = (await t.send(owner, { method: "GET", url: admin(`/imports/${id}`) })).json().run;
    if (run.status === "done" || run.status === "failed") return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`import run ${id} did not finish in 30 s`);
}

let hashed: Promise<string> | undefined;
/** The test password's hash, made once: scrypt is slow by design. */
function testPasswordHash(): Promise<string> {
  hashed ??= hashPassword(TEST_PASSWORD);
  return hashed;
}

/** A new account with the test password, signed in: for calls that end their own session. */
async function throwaway(t: RouteApp, who: Staff | undefined) {
  return who ? signIn(t.app, t.store, who.role) : undefined;
}

/** The token of a one-time link's URL. */
const tokenOf = (url: string) => new URL(url).searchParams.get("token") as string;

/** A newsletter straight in the store. */
const newsletter = (t: RouteApp) =>
  createNewsletter(t.store, { slug: uniqueSlug("letter"), name: "The Letter" });

/** A subscriber of a new newsletter straight in the store, with the links of their messages. */
async function subscriber(t: RouteApp, status: "pending" | "confirmed" = "confirmed") {
  const letter = await newsletter(t);
  addresses += 1;
  const id = await createSubscriber(t.store, {
    email: `subscriber${addresses}@example.org`,
    name: null,
    status,
  });
  await setSubscriptions(t.store, id, [letter.id]);
  const stored = await getSubscriber(t.store, id);
  if (!stored) throw new Error("subscriber not stored");
  const links = subscriberLinks("https://news.test", stored);
  const local = (url: string) => url.replace("https://news.test", "");
  return {
    id,
    newsletterId: letter.id,
    confirm: local(links.confirm),
    preferences: local(links.preferences),
    unsubscribe: local(links.unsubscribe),
  };
}

/** A form post to the public site from a client address of its own. */
const sitePost = (url: string, fields: Record<string, string>): Call => ({
  method: "POST",
  url,
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": freshIp() },
});

const SUBSCRIBERS_NO_EVENTS =
  "subscribers are not content: no page, feed or webhook shows them (their record of consent is kept instead)";

/** A draft edition of a published article, straight in the store; its id. */
async function draftEdition(t: RouteApp): Promise<string> {
  const article = await t.article({ status: "published" });
  const edition = await insertEdition(t.store, {
    newsletterId: (await newsletter(t)).id,
    kind: "article",
    articleId: article.id,
    articleIds: [article.id],
    subject: "Today",
    intro: "",
    slug: article.slug,
    createdBy: null,
  });
  return (edition as { id: string }).id;
}

/** Every route, keyed by "METHOD /url" as Fastify registers it (HEAD routes left out). */
export const ROUTE_TABLE: Record<string, RouteEntry> = {
  // Articles and their workflow.
  "GET /api/admin/v1/articles": {
    does: "list articles",
    call: async () => ({ method: "GET", url: admin("/articles") }),
    expected: all(200),
  },
  "GET /api/admin/v1/articles/:id": {
    does: "read someone else's draft",
    call: async (t) => ({ method: "GET", url: admin(`/articles/${(await t.article()).id}`) }),
    expected: all(200),
  },
  "POST /api/admin/v1/articles": {
    does: "create an article (own byline by default)",
    call: async (t) => {
      const { authorIds: _a, ...input } = (await t.basics()).articleInput();
      return { method: "POST", url: admin("/articles"), payload: input };
    },
    expected: all(201),
    events: ["article.created"],
  },
  "PUT /api/admin/v1/articles/:id": {
    does: "save someone else's draft",
    call: async (t) => {
      const article = await t.article();
      const b = await t.basics();
      return {
        method: "PUT",
        url: admin(`/articles/${article.id}`),
        payload: await edit(t, article.slug, [b.person.id], article.version),
      };
    },
    expected: editorsOnly(200),
    events: ["article.updated", "article.slug_changed"],
  },
  "DELETE /api/admin/v1/articles/:id": {
    does: "delete one's own draft",
    call: async (t, who) => ({
      method: "DELETE",
      url: admin(`/articles/${(await t.article({ authorId: who?.personId })).id}`),
    }),
    expected: editorsOnly(204),
    events: ["article.deleted"],
  },
  "GET /api/admin/v1/articles/:id/checklist": {
    does: "read an article's pre-publish checklist",
    call: async (t) => ({
      method: "GET",
      url: admin(`/articles/${(await t.article()).id}/checklist`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/articles/:id/transitions": {
    does: "publish one's own draft",
    call: async (t, who) => {
      const article = await t.article({ authorId: who?.personId });
      return {
        method: "POST",
        url: admin(`/articles/${article.id}/transitions`),
        payload: { to: "published", version: article.version },
      };
    },
    expected: publishers(200),
    events: ["article.published"],
  },
  "POST /api/admin/v1/articles/bulk": {
    does: "send one's own drafts to review in bulk",
    call: async (t, who) => {
      const mine = [
        await t.article({ authorId: who?.personId }),
        await t.article({ authorId: who?.personId }),
      ];
      return {
        method: "POST",
        url: admin("/articles/bulk"),
        payload: { ids: mine.map((a) => a.id), action: "status", to: "in_review" },
      };
    },
    expected: all(200),
    events: ["article.submitted"],
  },
  "GET /api/admin/v1/articles/:id/revisions": {
    does: "list an article's revisions",
    call: async (t) => ({
      method: "GET",
      url: admin(`/articles/${(await t.article()).id}/revisions`),
    }),
    expected: all(200),
  },
  "GET /api/admin/v1/articles/:id/revisions/:revisionId": {
    does: "read a revision",
    call: async (t) => {
      const article = await t.article({ status: "in_review" });
      const list = await t.send(await t.owner(), {
        method: "GET",
        url: admin(`/articles/${article.id}/revisions`),
      });
      const revisionId = list.json().items[0].id as string;
      return { method: "GET", url: admin(`/articles/${article.id}/revisions/${revisionId}`) };
    },
    expected: all(200),
  },
  "POST /api/admin/v1/articles/:id/revisions/:revisionId/restore": {
    does: "restore a revision of one's own article in review",
    call: async (t, who) => {
      const article = await t.article({ authorId: who?.personId, status: "in_review" });
      const list = await t.send(await t.owner(), {
        method: "GET",
        url: admin(`/articles/${article.id}/revisions`),
      });
      const revisionId = list.json().items[0].id as string;
      return {
        method: "POST",
        url: admin(`/articles/${article.id}/revisions/${revisionId}/restore`),
        payload: { version: article.version },
      };
    },
    expected: all(200),
    events: ["article.restored"],
  },
  "POST /api/admin/v1/articles/:id/corrections": {
    does: "add a correction to one's own published article",
    call: async (t, who) => {
      const article = await t.article({ authorId: who?.personId, status: "published" });
      return {
        method: "POST",
        url: admin(`/articles/${article.id}/corrections`),
        payload: { kind: "correction", note: "An earlier version misspelt a name." },
      };
    },
    expected: publishers(201),
    events: ["correction.added"],
  },
  "GET /api/admin/v1/articles/:id/live-updates": {
    does: "list the updates of a live article",
    call: async (t, who) => ({
      method: "GET",
      url: admin(`/articles/${(await liveArticle(t, who)).id}/live-updates`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/articles/:id/live-updates": {
    does: "post an update on one's own published live article",
    call: async (t, who) => ({
      method: "POST",
      url: admin(`/articles/${(await liveArticle(t, who)).id}/live-updates`),
      payload: { body: [{ type: "paragraph", content: [{ text: "Results are in." }] }] },
    }),
    expected: publishers(201),
    events: ["live_update.added"],
  },
  "PATCH /api/admin/v1/articles/:id/live-updates/:updateId": {
    does: "pin an update of one's own published live article",
    call: async (t, who) => {
      const { article, updateId } = await liveUpdate(t, who);
      return {
        method: "PATCH",
        url: admin(`/articles/${article.id}/live-updates/${updateId}`),
        payload: { pinned: true },
      };
    },
    expected: publishers(200),
    events: ["live_update.edited"],
  },
  "DELETE /api/admin/v1/articles/:id/live-updates/:updateId": {
    does: "delete an update of one's own published live article",
    call: async (t, who) => {
      const { article, updateId } = await liveUpdate(t, who);
      return { method: "DELETE", url: admin(`/articles/${article.id}/live-updates/${updateId}`) };
    },
    expected: publishers(204),
    events: ["live_update.deleted"],
  },
  "PUT /api/admin/v1/articles/:id/live-coverage": {
    does: "end the coverage of one's own published live article",
    call: async (t, who) => ({
      method: "PUT",
      url: admin(`/articles/${(await liveArticle(t, who)).id}/live-coverage`),
      payload: { ended: true },
    }),
    expected: publishers(200),
    events: ["live_coverage.ended"],
  },
  "GET /api/admin/v1/articles/:id/preview-links": {
    does: "list the preview links of one's own draft",
    call: async (t, who) => ({
      method: "GET",
      url: admin(`/articles/${(await t.article({ authorId: who?.personId })).id}/preview-links`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/articles/:id/preview-links": {
    does: "share a preview of one's own draft",
    call: async (t, who) => ({
      method: "POST",
      url: admin(`/articles/${(await t.article({ authorId: who?.personId })).id}/preview-links`),
      payload: {},
    }),
    expected: all(201),
    events: ["preview_link.created"],
  },
  "DELETE /api/admin/v1/articles/:id/preview-links/:linkId": {
    does: "revoke a preview of one's own draft",
    call: async (t, who) => {
      const article = await t.article({ authorId: who?.personId });
      const made = await t.send(await t.owner(), {
        method: "POST",
        url: admin(`/articles/${article.id}/preview-links`),
        payload: {},
      });
      return {
        method: "DELETE",
        url: admin(`/articles/${article.id}/preview-links/${made.json().id}`),
      };
    },
    expected: all(204),
    events: ["preview_link.revoked"],
  },

  // People, sections, tags, trackers.
  "GET /api/admin/v1/people": {
    does: "list people",
    call: async () => ({ method: "GET", url: admin("/people") }),
    expected: all(200),
  },
  "GET /api/admin/v1/people/:id": {
    does: "read a person",
    call: async (t) => ({ method: "GET", url: admin(`/people/${(await t.basics()).person.id}`) }),
    expected: all(200),
  },
  "POST /api/admin/v1/people": {
    does: "add a person",
    call: async () => ({ method: "POST", url: admin("/people"), payload: personInput() }),
    expected: editorsOnly(201),
    events: ["person.created"],
  },
  "PUT /api/admin/v1/people/:id": {
    does: "edit a person",
    call: async (t) => {
      const input = personInput();
      const person = await createPerson(t.store, input);
      return {
        method: "PUT",
        url: admin(`/people/${person.id}`),
        payload: { ...input, name: "Renamed", version: 1 },
      };
    },
    expected: editorsOnly(200),
    events: ["person.updated"],
  },
  "GET /api/admin/v1/sections": {
    does: "list sections",
    call: async () => ({ method: "GET", url: admin("/sections") }),
    expected: all(200),
  },
  "GET /api/admin/v1/sections/:id": {
    does: "read a section",
    call: async (t) => ({
      method: "GET",
      url: admin(`/sections/${(await t.basics()).section.id}`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/sections": {
    does: "add a section",
    call: async () => ({ method: "POST", url: admin("/sections"), payload: sectionInput() }),
    expected: editorsOnly(201),
    events: ["section.created"],
  },
  "PUT /api/admin/v1/sections/:id": {
    does: "rename a section",
    call: async (t) => {
      const input = sectionInput();
      const section = await createSection(t.store, input);
      return {
        method: "PUT",
        url: admin(`/sections/${section.id}`),
        payload: { ...input, name: "News desk" },
      };
    },
    expected: editorsOnly(200),
    events: ["section.updated"],
  },
  "GET /api/admin/v1/tags": {
    does: "list tags",
    call: async () => ({ method: "GET", url: admin("/tags") }),
    expected: all(200),
  },
  "GET /api/admin/v1/tags/:id": {
    does: "read a tag",
    call: async (t) => ({
      method: "GET",
      url: admin(`/tags/${(await createTag(t.store, tagInput())).id}`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/tags": {
    does: "add a tag",
    call: async () => ({ method: "POST", url: admin("/tags"), payload: tagInput() }),
    expected: editorsOnly(201),
    events: ["tag.created"],
  },
  "PUT /api/admin/v1/tags/:id": {
    does: "rename a tag",
    call: async (t) => {
      const input = tagInput();
      const tag = await createTag(t.store, input);
      return {
        method: "PUT",
        url: admin(`/tags/${tag.id}`),
        payload: { ...input, name: "Renamed" },
      };
    },
    expected: editorsOnly(200),
    events: ["tag.updated"],
  },
  "GET /api/admin/v1/trackers": {
    does: "list trackers",
    call: async () => ({ method: "GET", url: admin("/trackers") }),
    expected: all(200),
  },
  "GET /api/admin/v1/trackers/:id": {
    does: "read a tracker",
    call: async (t) => ({
      method: "GET",
      url: admin(`/trackers/${(await createTracker(t.store, trackerInput(1))).id}`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/trackers": {
    does: "add a tracker",
    call: async () => ({ method: "POST", url: admin("/trackers"), payload: trackerInput(1) }),
    expected: editorsOnly(201),
    events: ["tracker.created"],
  },
  "PUT /api/admin/v1/trackers/:id": {
    does: "edit a tracker",
    call: async (t) => {
      const { entries: _e, ...input } = trackerInput(0);
      const tracker = await createTracker(t.store, { ...input, entries: [] });
      return {
        method: "PUT",
        url: admin(`/trackers/${tracker.id}`),
        payload: { ...input, title: "Renamed tracker" },
      };
    },
    expected: editorsOnly(200),
    events: ["tracker.updated"],
  },
  "POST /api/admin/v1/trackers/:id/entries": {
    does: "add a tracker entry",
    call: async (t) => {
      const tracker = await createTracker(t.store, trackerInput(0));
      return {
        method: "POST",
        url: admin(`/trackers/${tracker.id}/entries`),
        payload: { title: "A pardon" },
      };
    },
    expected: editorsOnly(201),
    events: ["tracker.updated"],
  },
  "PATCH /api/admin/v1/trackers/:id/entries/:entryId": {
    does: "edit a tracker entry",
    call: async (t) => {
      const tracker = await createTracker(t.store, trackerInput(1));
      return {
        method: "PATCH",
        url: admin(`/trackers/${tracker.id}/entries/${tracker.entries[0]?.id}`),
        payload: { title: "A pardon, revised" },
      };
    },
    expected: editorsOnly(200),
    events: ["tracker.updated"],
  },
  "DELETE /api/admin/v1/trackers/:id/entries/:entryId": {
    does: "delete a tracker entry",
    call: async (t) => {
      const tracker = await createTracker(t.store, trackerInput(1));
      return {
        method: "DELETE",
        url: admin(`/trackers/${tracker.id}/entries/${tracker.entries[0]?.id}`),
      };
    },
    expected: editorsOnly(204),
    events: ["tracker.updated"],
  },

  // Merging and deleting (each recipe: two fresh ones, no article uses them).
  "GET /api/admin/v1/tags/usage": {
    does: "count the articles of every tag",
    call: async () => ({ method: "GET", url: admin("/tags/usage") }),
    expected: all(200),
  },
  "GET /api/admin/v1/tags/:id/usage": {
    does: "count the articles of a tag",
    call: async (t) => ({
      method: "GET",
      url: admin(`/tags/${(await createTag(t.store, tagInput())).id}/usage`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/tags/:id/merge": {
    does: "merge a tag into another",
    call: async (t) => {
      const gone = await createTag(t.store, tagInput());
      const kept = await createTag(t.store, tagInput());
      return {
        method: "POST",
        url: admin(`/tags/${gone.id}/merge`),
        payload: { into: kept.id },
      };
    },
    expected: editorsOnly(200),
    events: ["tag.deleted"],
  },
  "DELETE /api/admin/v1/tags/:id": {
    does: "delete a tag no article uses",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/tags/${(await createTag(t.store, tagInput())).id}`),
    }),
    expected: editorsOnly(200),
    events: ["tag.deleted"],
  },
  "GET /api/admin/v1/people/:id/usage": {
    does: "count the articles of a person",
    call: async (t) => ({
      method: "GET",
      url: admin(`/people/${(await createPerson(t.store, personInput())).id}/usage`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/people/:id/merge": {
    does: "merge a person into another",
    call: async (t) => {
      const gone = await createPerson(t.store, personInput());
      const kept = await createPerson(t.store, personInput());
      return {
        method: "POST",
        url: admin(`/people/${gone.id}/merge`),
        payload: { into: kept.id },
      };
    },
    expected: editorsOnly(200),
    events: ["person.deleted"],
  },
  "DELETE /api/admin/v1/people/:id": {
    does: "delete a person no article uses",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/people/${(await createPerson(t.store, personInput())).id}`),
    }),
    expected: editorsOnly(200),
    events: ["person.deleted"],
  },
  "GET /api/admin/v1/sections/:id/usage": {
    does: "count the articles of a section",
    call: async (t) => ({
      method: "GET",
      url: admin(`/sections/${(await createSection(t.store, sectionInput())).id}/usage`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/sections/:id/merge": {
    does: "merge a section into another",
    call: async (t) => {
      const gone = await createSection(t.store, sectionInput());
      const kept = await createSection(t.store, sectionInput());
      return {
        method: "POST",
        url: admin(`/sections/${gone.id}/merge`),
        payload: { into: kept.id },
      };
    },
    expected: editorsOnly(200),
    events: ["section.deleted"],
  },
  "DELETE /api/admin/v1/sections/:id": {
    does: "delete a section no article uses",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/sections/${(await createSection(t.store, sectionInput())).id}`),
    }),
    expected: editorsOnly(200),
    events: ["section.deleted"],
  },
  // Newsletters and editions (issue 15). Sending is off in this app (no MASTHEAD_SMTP_URL), so
  // sends answer 409; test/api/newsletters covers sending itself.
  "GET /api/admin/v1/newsletters": {
    does: "list newsletters",
    call: async () => ({ method: "GET", url: admin("/newsletters") }),
    expected: editorsOnly(200),
  },
  "GET /api/admin/v1/newsletters/:id": {
    does: "read a newsletter",
    call: async (t) => ({ method: "GET", url: admin(`/newsletters/${(await newsletter(t)).id}`) }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/newsletters": {
    does: "add a newsletter",
    call: async () => ({
      method: "POST",
      url: admin("/newsletters"),
      payload: { slug: uniqueSlug("weekly"), name: "The Weekly" },
    }),
    expected: editorsOnly(201),
    events: ["newsletter.created"],
  },
  "PUT /api/admin/v1/newsletters/:id": {
    does: "edit a newsletter",
    call: async (t) => {
      const n = await newsletter(t);
      return {
        method: "PUT",
        url: admin(`/newsletters/${n.id}`),
        payload: { slug: n.slug, name: "Renamed" },
      };
    },
    expected: editorsOnly(200),
    events: ["newsletter.updated"],
  },
  "DELETE /api/admin/v1/newsletters/:id": {
    does: "delete a newsletter",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/newsletters/${(await newsletter(t)).id}`),
    }),
    expected: editorsOnly(204),
    events: ["newsletter.deleted"],
  },
  "GET /api/admin/v1/newsletters/:id/editions": {
    does: "list a newsletter's editions",
    call: async (t) => ({
      method: "GET",
      url: admin(`/newsletters/${(await newsletter(t)).id}/editions`),
    }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/editions": {
    does: "send an article as newsletter (a draft edition)",
    call: async (t) => ({
      method: "POST",
      url: admin("/editions"),
      payload: {
        newsletterId: (await newsletter(t)).id,
        articleId: (await t.article({ status: "published" })).id,
      },
    }),
    expected: editorsOnly(201),
    events: ["edition.created"],
  },
  "GET /api/admin/v1/editions/:id": {
    does: "read an edition",
    call: async (t) => ({ method: "GET", url: admin(`/editions/${await draftEdition(t)}`) }),
    expected: editorsOnly(200),
  },
  "PUT /api/admin/v1/editions/:id": {
    does: "edit a draft edition",
    call: async (t) => ({
      method: "PUT",
      url: admin(`/editions/${await draftEdition(t)}`),
      payload: { subject: "A better subject", intro: "Hello." },
    }),
    expected: editorsOnly(200),
    events: ["edition.updated"],
  },
  "DELETE /api/admin/v1/editions/:id": {
    does: "delete a draft edition",
    call: async (t) => ({ method: "DELETE", url: admin(`/editions/${await draftEdition(t)}`) }),
    expected: editorsOnly(204),
    events: ["edition.deleted"],
  },
  "GET /api/admin/v1/editions/:id/preview": {
    does: "preview an edition",
    call: async (t) => ({
      method: "GET",
      url: admin(`/editions/${await draftEdition(t)}/preview?format=text`),
    }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/editions/:id/test": {
    does: "send a test of an edition to oneself",
    call: async (t) => ({ method: "POST", url: admin(`/editions/${await draftEdition(t)}/test`) }),
    expected: editorsOnly(409),
    events: [],
    noEventsBecause: "sending is off in this app (409); a test send records no event anyway",
  },
  "POST /api/admin/v1/editions/:id/send": {
    does: "send an edition",
    call: async (t) => ({ method: "POST", url: admin(`/editions/${await draftEdition(t)}/send`) }),
    expected: editorsOnly(409),
    events: [],
    noEventsBecause: "sending is off in this app (409: set MASTHEAD_SMTP_URL)",
  },
  // Subscribers (issue 15).
  "GET /api/admin/v1/subscribers": {
    does: "list subscribers",
    call: async () => ({ method: "GET", url: admin("/subscribers?q=example") }),
    expected: editorsOnly(200),
  },
  "GET /api/admin/v1/subscribers/export": {
    does: "export subscribers",
    call: async () => ({ method: "GET", url: admin("/subscribers/export") }),
    expected: editorsOnly(200),
  },
  "GET /api/admin/v1/subscribers/:id": {
    does: "read a subscriber and their consents",
    call: async (t) => ({ method: "GET", url: admin(`/subscribers/${(await subscriber(t)).id}`) }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/subscribers": {
    does: "add a subscriber",
    call: async (t) => {
      addresses += 1;
      return {
        method: "POST",
        url: admin("/subscribers"),
        payload: {
          email: `added${addresses}@example.org`,
          newsletterIds: [(await newsletter(t)).id],
        },
      };
    },
    expected: editorsOnly(201),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "PATCH /api/admin/v1/subscribers/:id": {
    does: "change a subscriber",
    call: async (t) => ({
      method: "PATCH",
      url: admin(`/subscribers/${(await subscriber(t)).id}`),
      payload: { status: "unsubscribed" },
    }),
    expected: editorsOnly(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "DELETE /api/admin/v1/subscribers/:id": {
    does: "erase a subscriber",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/subscribers/${(await subscriber(t)).id}`),
    }),
    expected: editorsOnly(204),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /api/admin/v1/subscribers/import": {
    does: "import subscribers from CSV (a dry run)",
    call: async (t) => ({
      method: "POST",
      url: admin("/subscribers/import"),
      payload: {
        csv: "email\nimported@example.org\n",
        dryRun: true,
        newsletterIds: [(await newsletter(t)).id],
      },
    }),
    expected: editorsOnly(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /api/admin/v1/subscribers/send-confirmations": {
    does: "send confirmation messages to pending subscribers",
    call: async () => ({ method: "POST", url: admin("/subscribers/send-confirmations") }),
    expected: editorsOnly(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "GET /api/admin/v1/trackers/:id/usage": {
    does: "count the articles of a tracker",
    call: async (t) => ({
      method: "GET",
      url: admin(`/trackers/${(await createTracker(t.store, trackerInput(1))).id}/usage`),
    }),
    expected: all(200),
  },
  "POST /api/admin/v1/trackers/:id/merge": {
    does: "merge a tracker into another",
    call: async (t) => {
      const gone = await createTracker(t.store, trackerInput(1));
      const kept = await createTracker(t.store, trackerInput(1));
      return {
        method: "POST",
        url: admin(`/trackers/${gone.id}/merge`),
        payload: { into: kept.id },
      };
    },
    expected: editorsOnly(200),
    events: ["tracker.deleted"],
  },
  "DELETE /api/admin/v1/trackers/:id": {
    does: "delete a tracker no article uses",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/trackers/${(await createTracker(t.store, trackerInput(1))).id}`),
    }),
    expected: editorsOnly(200),
    events: ["tracker.deleted"],
  },

  // Comments.
  "GET /api/admin/v1/comments": {
    does: "list comments",
    call: async () => ({ method: "GET", url: admin("/comments") }),
    expected: publishers(200),
  },
  "PATCH /api/admin/v1/comments/:id": {
    does: "approve a pending comment",
    call: async (t) => {
      const { comment } = await pendingComment(t);
      return {
        method: "PATCH",
        url: admin(`/comments/${comment.id}`),
        payload: { status: "approved" },
      };
    },
    expected: editorsOnly(200),
    events: ["comment.approved"],
  },
  "GET /api/admin/v1/comment-blocks": {
    does: "see blocked addresses",
    call: async () => ({ method: "GET", url: admin("/comment-blocks") }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/comment-blocks": {
    does: "block an address",
    call: async () => ({
      method: "POST",
      url: admin("/comment-blocks"),
      payload: { addressHash: addressHash() },
    }),
    expected: editorsOnly(201),
    events: ["address.blocked"],
  },
  "DELETE /api/admin/v1/comment-blocks/:hash": {
    does: "unblock an address",
    call: async (t) => {
      const hash = addressHash();
      await blockAddress(t.store, hash, null);
      return { method: "DELETE", url: admin(`/comment-blocks/${hash}`) };
    },
    expected: editorsOnly(204),
    events: ["address.unblocked"],
  },

  // Media.
  "POST /api/admin/v1/media": {
    does: "upload an image",
    call: async () => {
      const body = await multipart(CREDITED, { data: await jpegPhoto(64, 48) });
      return { method: "POST", url: admin("/media"), payload: body.payload, headers: body.headers };
    },
    expected: all(201),
    events: ["media.added"],
  },
  "GET /api/admin/v1/media": {
    does: "list media",
    call: async () => ({ method: "GET", url: admin("/media") }),
    expected: all(200),
  },
  "GET /api/admin/v1/media/:id": {
    does: "read a media item with its usage",
    call: async (t) => ({ method: "GET", url: admin(`/media/${(await t.basics()).media.id}`) }),
    expected: all(200),
  },
  "PATCH /api/admin/v1/media/:id": {
    does: "fix the alt text of one's own upload",
    call: async (t, who) => {
      const media = await t.media(who?.user.id);
      return {
        method: "PATCH",
        url: admin(`/media/${media.id}`),
        payload: { alt: "A street at dawn", version: 1 },
      };
    },
    expected: all(200),
    events: ["media.updated"],
  },
  "DELETE /api/admin/v1/media/:id": {
    does: "delete an unused image",
    call: async (t) => ({
      method: "DELETE",
      url: admin(`/media/${(await t.media()).id}`),
    }),
    expected: editorsOnly(204),
    events: ["media.deleted"],
  },

  // Redirects and settings.
  "GET /api/admin/v1/redirects": {
    does: "list redirects",
    call: async () => ({ method: "GET", url: admin("/redirects") }),
    expected: editorsOnly(200),
  },
  "POST /api/admin/v1/redirects": {
    does: "add a redirect",
    call: async () => ({
      method: "POST",
      url: admin("/redirects"),
      payload: { from: `/${uniqueSlug("old")}`, to: "/about" },
    }),
    expected: editorsOnly(201),
    events: ["redirect.created"],
  },
  "DELETE /api/admin/v1/redirects/:id": {
    does: "remove a redirect",
    call: async (t) => {
      const redirect = await addRedirect(t.store, { from: `/${uniqueSlug("old")}`, to: "/about" });
      return { method: "DELETE", url: admin(`/redirects/${redirect.id}`) };
    },
    expected: editorsOnly(204),
    events: ["redirect.deleted"],
  },
  "GET /api/admin/v1/settings": {
    does: "read the site settings",
    call: async () => ({ method: "GET", url: admin("/settings") }),
    expected: ownersOnly(200),
  },
  "PUT /api/admin/v1/settings": {
    does: "change the site settings",
    call: async () => ({
      method: "PUT",
      url: admin("/settings"),
      payload: { title: "The Route Table Times", tagline: "Every route, every role" },
    }),
    expected: ownersOnly(200),
    events: ["settings.updated"],
  },

  // Sessions, setup and the public ends of links.
  "POST /api/admin/v1/session": {
    does: "sign in",
    call: async (t) => {
      const email = `${uniqueSlug("signs-in")}@example.org`;
      await createUser(
        t.store,
        { email, name: "Signs In", role: "author", personId: null },
        await testPasswordHash(),
      );
      return {
        method: "POST",
        url: admin("/session"),
        payload: { email, password: TEST_PASSWORD },
      };
    },
    expected: anyone(200),
    events: ["account.changed"],
  },
  "GET /api/admin/v1/session": {
    does: "read one's session",
    call: async () => ({ method: "GET", url: admin("/session") }),
    expected: all(200),
  },
  "DELETE /api/admin/v1/session": {
    does: "sign out",
    call: async (t, who) => ({
      method: "DELETE",
      url: admin("/session"),
      as: await throwaway(t, who),
    }),
    expected: all(204),
    events: ["account.changed"],
  },
  "DELETE /api/admin/v1/sessions": {
    does: "sign out everywhere",
    call: async (t, who) => ({
      method: "DELETE",
      url: admin("/sessions"),
      as: await throwaway(t, who),
    }),
    expected: all(204),
    events: ["account.changed"],
  },
  "GET /api/admin/v1/setup": {
    does: "see whether setup is needed",
    call: async () => ({ method: "GET", url: admin("/setup") }),
    expected: anyone(200),
  },
  "POST /api/admin/v1/setup": {
    // Succeeds once, on an empty site: route-table.test.ts makes its first owner this way; on a
    // site with accounts everyone gets 409.
    does: "create the first owner (once set up: refused)",
    call: async () => ({
      method: "POST",
      url: admin("/setup"),
      payload: {
        email: `${uniqueSlug("first-owner")}@example.org`,
        name: "First Owner",
        password: TEST_PASSWORD,
      },
    }),
    expected: anyone(409),
    // The owner's byline person is made with the account.
    events: ["account.changed", "person.created"],
  },
  "POST /api/admin/v1/invitations/accept": {
    does: "accept an invitation",
    call: async (t) => {
      const invited = await t.send(await t.owner(), {
        method: "POST",
        url: admin("/invitations"),
        payload: { email: `${uniqueSlug("invited")}@example.org`, role: "author" },
      });
      return {
        method: "POST",
        url: admin("/invitations/accept"),
        payload: { token: tokenOf(invited.json().url), name: "Invited", password: TEST_PASSWORD },
      };
    },
    expected: anyone(201),
    events: ["account.changed", "person.created"],
  },
  "POST /api/admin/v1/password-reset": {
    does: "set a new password with a reset link",
    call: async (t) => {
      const user = await newAccount(t);
      const made = await t.send(await t.owner(), {
        method: "POST",
        url: admin(`/users/${user.id}/reset-link`),
      });
      return {
        method: "POST",
        url: admin("/password-reset"),
        payload: { token: tokenOf(made.json().url), password: `${TEST_PASSWORD} again` },
      };
    },
    expected: anyone(200),
    events: ["account.changed"],
  },

  // Accounts and API keys.
  "GET /api/admin/v1/users": {
    does: "list accounts",
    call: async () => ({ method: "GET", url: admin("/users") }),
    expected: ownersOnly(200),
  },
  "POST /api/admin/v1/users": {
    does: "create an account",
    call: async () => ({
      method: "POST",
      url: admin("/users"),
      payload: { email: `${uniqueSlug("new")}@example.org`, name: "New Hire", role: "author" },
    }),
    expected: ownersOnly(201),
    events: ["account.changed"],
  },
  "GET /api/admin/v1/users/:id": {
    does: "read an account",
    call: async (t) => ({ method: "GET", url: admin(`/users/${(await newAccount(t)).id}`) }),
    expected: ownersOnly(200),
  },
  "PATCH /api/admin/v1/users/:id": {
    does: "disable an account",
    call: async (t) => ({
      method: "PATCH",
      url: admin(`/users/${(await newAccount(t)).id}`),
      payload: { disabled: true },
    }),
    expected: ownersOnly(200),
    events: ["account.changed"],
  },
  "POST /api/admin/v1/users/:id/reset-link": {
    does: "make a password-reset link",
    call: async (t) => ({
      method: "POST",
      url: admin(`/users/${(await newAccount(t)).id}/reset-link`),
    }),
    expected: ownersOnly(201),
    events: ["account.changed"],
  },
  "POST /api/admin/v1/users/:id/byline": {
    does: "give an account without a byline one",
    call: async (t) => ({
      method: "POST",
      url: admin(`/users/${(await newAccount(t)).id}/byline`),
    }),
    expected: ownersOnly(201),
    events: ["account.changed", "person.created"],
  },
  "GET /api/admin/v1/me/byline": {
    does: "read one's own byline",
    call: async () => ({ method: "GET", url: admin("/me/byline") }),
    expected: all(200),
  },
  "PUT /api/admin/v1/me/byline": {
    does: "set one's own role title and bio",
    call: async (t, who) => {
      const current = who
        ? (await t.send(who, { method: "GET", url: admin("/me/byline") })).json()
        : null;
      return {
        method: "PUT",
        url: admin("/me/byline"),
        payload: { roleTitle: "Reporter", bio: "Covers the city.", version: current?.version ?? 1 },
      };
    },
    expected: all(200),
    events: ["person.updated"],
  },
  "GET /api/admin/v1/me/notifications": {
    does: "read one's own notification switches",
    call: async () => ({ method: "GET", url: admin("/me/notifications") }),
    expected: all(200),
  },
  "PUT /api/admin/v1/me/notifications": {
    does: "switch one's own notifications on or off",
    call: async () => ({
      method: "PUT",
      url: admin("/me/notifications"),
      payload: { switches: { scheduled_published: false } },
    }),
    expected: all(200),
    events: ["account.changed"],
  },
  "POST /api/admin/v1/invitations": {
    does: "invite someone",
    call: async () => ({
      method: "POST",
      url: admin("/invitations"),
      payload: { email: `${uniqueSlug("invited")}@example.org`, role: "contributor" },
    }),
    expected: ownersOnly(201),
    events: ["account.changed"],
  },
  "GET /api/admin/v1/api-keys": {
    does: "list API keys",
    call: async () => ({ method: "GET", url: admin("/api-keys") }),
    expected: ownersOnly(200),
  },
  "POST /api/admin/v1/api-keys": {
    does: "create an API key",
    call: async () => ({
      method: "POST",
      url: admin("/api-keys"),
      payload: { name: "Newsletter", permissions: ["article.read.unpublished"] },
    }),
    expected: ownersOnly(201),
    events: ["account.changed"],
  },
  "DELETE /api/admin/v1/api-keys/:id": {
    does: "revoke an API key",
    call: async (t) => {
      const made = await t.send(await t.owner(), {
        method: "POST",
        url: admin("/api-keys"),
        payload: { name: "Old feed", permissions: ["article.read.unpublished"] },
      });
      return { method: "DELETE", url: admin(`/api-keys/${made.json().apiKey.id}`) };
    },
    expected: ownersOnly(204),
    events: ["account.changed"],
  },

  // Readership.
  "GET /api/admin/v1/readership/articles/:id": {
    does: "see an article's views",
    call: async (t) => ({
      method: "GET",
      url: admin(`/readership/articles/${(await t.article({ status: "published" })).id}`),
    }),
    expected: publishers(200),
  },
  "GET /api/admin/v1/readership/most-read": {
    does: "see the most read articles",
    call: async () => ({ method: "GET", url: admin("/readership/most-read") }),
    expected: publishers(200),
  },

  // Imports and the export.
  "POST /api/admin/v1/imports": {
    does: "import a WordPress export",
    call: async () => ({
      method: "POST",
      url: admin("/imports"),
      ...(await wordpressUpload({ dryRun: "false" })),
    }),
    expected: ownersOnly(202),
    events: ["import.finished"],
    settle: importFinished,
  },
  "POST /api/admin/v1/imports/:id/rerun": {
    does: "run a dry-run import for real",
    call: async (t, who) => {
      // The permission is checked before the run is looked up: only an owner needs a real one.
      let id = MISSING;
      if (holds(who, "site.import")) {
        const upload = await wordpressUpload({ dryRun: "true" });
        const dry = await t.send(await t.owner(), {
          method: "POST",
          url: admin("/imports"),
          ...upload,
        });
        await importFinished(t, dry);
        id = dry.json().run.id;
      }
      return { method: "POST", url: admin(`/imports/${id}/rerun`), payload: { dryRun: false } };
    },
    expected: ownersOnly(202),
    events: ["import.finished"],
    settle: importFinished,
  },
  "GET /api/admin/v1/imports": {
    does: "list imports",
    call: async () => ({ method: "GET", url: admin("/imports") }),
    expected: ownersOnly(200),
  },
  "GET /api/admin/v1/imports/:id": {
    does: "read an import run",
    call: async (t, who) => {
      let id = MISSING;
      if (holds(who, "site.import")) {
        const list = await t.send(await t.owner(), { method: "GET", url: admin("/imports") });
        id = list.json().items[0]?.id ?? MISSING;
      }
      return { method: "GET", url: admin(`/imports/${id}`) };
    },
    expected: ownersOnly(200),
  },
  "GET /api/admin/v1/export": {
    does: "download the export",
    call: async () => ({ method: "GET", url: admin("/export") }),
    expected: ownersOnly(200),
  },

  // The public site's writes.
  "POST /articles/:slug/comments": {
    does: "post a reader's comment",
    call: async (t) => {
      const article = await t.article({ status: "published" });
      const secret = await getCommentSecret(t.store);
      const form = new URLSearchParams({
        stamp: makeFormStamp(secret, article.id, Date.now() - 10_000),
        name: "Reader",
        email: "reader@example.org",
        body: "A first comment.",
      });
      return {
        method: "POST",
        url: `/articles/${article.slug}/comments`,
        payload: form.toString(),
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": freshIp(),
        },
      };
    },
    expected: anyone(303),
    // A first-time reader's comment waits for a moderator.
    events: ["comment.posted", "comment.held"],
  },
  "POST /api/hooks/bounces": {
    does: "take a bounce report (the hook is off here: no MASTHEAD_BOUNCE_TOKEN)",
    call: async () => ({
      method: "POST",
      url: "/api/hooks/bounces",
      payload: "{}",
      headers: { "content-type": "application/json", authorization: "Bearer whatever-token-1234" },
    }),
    expected: anyone(404),
    events: [],
    noEventsBecause:
      "a bounce suppresses an address and marks an outbox row: nothing any page, feed or webhook shows is different",
  },
  "POST /comments/confirm-email": {
    does: "confirm a commenter's email address by the confirmation page's button",
    call: async (t) => {
      const token = newToken();
      await addCommenterConfirmation(t.store, {
        tokenHash: hashToken(token),
        commenterHash: hashToken(newToken()),
        email: "reader@example.org",
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      return sitePost("/comments/confirm-email", { t: token });
    },
    expected: anyone(200),
    events: [],
    noEventsBecause:
      "a commenter's confirmed address shows on no page and no consumer follows it: it is read when their next comment is posted",
  },
  "POST /newsletter": {
    does: "subscribe from the site (double opt-in)",
    call: async (t) => {
      await newsletter(t);
      addresses += 1;
      return sitePost("/newsletter", { form: "home", email: `reader${addresses}@example.org` });
    },
    expected: anyone(303),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /newsletter/confirm": {
    does: "confirm a subscription by the confirmation page's button",
    call: async (t) => {
      const s = await subscriber(t, "pending");
      return sitePost(s.confirm, { newsletter: s.newsletterId });
    },
    expected: anyone(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /newsletter/preferences": {
    does: "save a subscriber's preferences",
    call: async (t) => {
      const s = await subscriber(t);
      return sitePost(s.preferences, { do: "save", name: "Reader", newsletter: s.newsletterId });
    },
    expected: anyone(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /newsletter/unsubscribe": {
    does: "unsubscribe by one-click POST (RFC 8058)",
    call: async (t) =>
      sitePost((await subscriber(t)).unsubscribe, { "List-Unsubscribe": "One-Click" }),
    expected: anyone(200),
    events: [],
    noEventsBecause: SUBSCRIBERS_NO_EVENTS,
  },
  "POST /views/:articleId": {
    does: "count a view (the beacon)",
    call: async (t) => ({
      method: "POST",
      url: `/views/${(await t.article({ status: "published" })).id}`,
      payload: "",
      headers: { "content-type": "text/plain" },
    }),
    expected: anyone(204),
    events: [],
    noEventsBecause:
      "a view is counted, not a change of content: nothing any page, feed or webhook shows is different",
  },
  ...Object.fromEntries(
    (["PUT", "PATCH", "DELETE"] as const).map((method) => [
      `${method} /views/:articleId`,
      {
        does: `refuse a ${method} to the beacon`,
        call: async (t: RouteApp) => ({
          method,
          url: `/views/${(await t.article({ status: "published" })).id}`,
        }),
        expected: anyone(405),
        events: [],
        noEventsBecause: "refused (405): the beacon takes POST only, and writes nothing",
      } satisfies RouteEntry,
    ]),
  ),
  "GET /views/:articleId": {
    does: "refuse a GET to the beacon",
    call: async (t) => ({
      method: "GET",
      url: `/views/${(await t.article({ status: "published" })).id}`,
    }),
    expected: anyone(405),
  },
};

/** An account made straight in the store, for recipes that change or read one. */
async function newAccount(t: RouteApp) {
  return createUser(
    t.store,
    {
      email: `${uniqueSlug("account")}@example.org`,
      name: "Someone",
      role: "author",
      personId: null,
    },
    null,
  );
}

/** The methods that change something: their routes must declare their events. */
export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Whether a registered route must be in the table: every admin API route, and every public one
 * that writes. HEAD routes are Fastify's copies of GET routes.
 */
export function mustBeListed(method: string, url: string): boolean {
  if (method === "HEAD" || method === "OPTIONS") return false;
  return url.startsWith(API) || WRITE_METHODS.has(method);
}

/** Sends an entry's call as `who` and returns the answer, its recipe's work settled. */
export async function runEntry(
  t: RouteApp,
  entry: RouteEntry,
  who: Staff | undefined,
): Promise<{ res: LightMyRequestResponse; call: Call }> {
  const call = await entry.call(t, who);
  const res = await t.send(who, call);
  await entry.settle?.(t, res);
  return { res, call };
}

/** Asserts an answer's status is what the table expects for `role` (or signed out). */
export function expectStatus(
  entry: RouteEntry,
  role: Role | "signedOut",
  res: LightMyRequestResponse,
): void {
  const status = role === "signedOut" ? (entry.expected.signedOut ?? 401) : entry.expected[role];
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
}
