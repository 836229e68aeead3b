// A comment from the public form, by a reader or a signed-in member of staff: which article
// takes it, who may post under which name, whether it is held, the write and its change event.
// The form route parses and answers; this decides. See docs/COMMENTS.md.
import type { RequestActor } from "../auth/actor.js";
import {
  COMMENT_MAX_LINKS,
  type CommentInput,
  type CommentStatus,
  type CommentsClosedReason,
  ContentInvalidError,
  commentsClosedReason,
  countCommentLinks,
  type FieldIssue,
  isPublic,
  MastheadError,
  NotFoundError,
} from "../content/index.js";
import {
  addComment,
  type CommentRateLimit,
  getArticleById,
  getSettings,
  isAddressBlocked,
  isTrustedCommenter,
  listStaffIdentities,
  recordChanges,
  type Store,
  type StoredComment,
  transact,
} from "../store/index.js";
import { commentChanged } from "./comment-events.js";
import { emailKey, nameKey } from "./identity-keys.js";

/** A reader (not signed in) used a staff member's name or email; nothing was written. */
export class StaffIdentityError extends MastheadError {
  declare readonly code: "MH_STAFF_IDENTITY";
  declare readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(
      "MH_STAFF_IDENTITY",
      `a staff member's identity needs signing in: ${issues.map((i) => i.path).join(", ")}`,
      { issues },
    );
    this.name = "StaffIdentityError";
  }
}

/** The message a reader sees at the name field when it is a staff member's. */
export const STAFF_NAME_MESSAGE =
  "that name belongs to a member of staff; sign in to comment as them, or use your own name";
/** The message a reader sees at the email field when it is a staff member's. */
export const STAFF_EMAIL_MESSAGE =
  "that email address belongs to a member of staff; sign in to comment as them";

/** Who posts, as far as the server can tell without a sign-in. */
export interface ReaderPoster {
  /** The hash of the commenter id their cookie carries (a new one for a first comment). */
  commenterHash: string;
  /** The keyed hash of their address: blocks and the rate limit go by it. */
  addressHash: string;
}

// Staff names and emails change rarely and are folded on every reader's comment: their keys are
// remembered by the stored string (readers' own strings are not, so they cannot grow this).
const staffKeys = new Map<string, string>();
const STAFF_KEYS_MAX = 10_000;
function staffKey(kind: "name" | "email", stored: string): string {
  const memo = `${kind}\0${stored}`;
  let key = staffKeys.get(memo);
  if (key === undefined) {
    if (staffKeys.size >= STAFF_KEYS_MAX) staffKeys.clear();
    key = kind === "name" ? nameKey(stored) : emailKey(stored);
    staffKeys.set(memo, key);
  }
  return key;
}

/**
 * Throws StaffIdentityError when `name` or `email` is a member of staff's, compared as a reader
 * would read them (case, spacing, accents, full-width and look-alike letters folded; see
 * identity-keys.ts).
 */
export async function refuseStaffIdentity(
  store: Store,
  name: string,
  email: string | null | undefined,
): Promise<void> {
  const staff = await listStaffIdentities(store);
  const issues: FieldIssue[] = [];
  const name_ = nameKey(name);
  if (name_ !== "" && staff.names.some((n) => staffKey("name", n) === name_))
    issues.push({ path: "authorName", message: STAFF_NAME_MESSAGE });
  const email_ = email ? emailKey(email) : "";
  if (email_ !== "" && staff.emails.some((e) => staffKey("email", e) === email_))
    issues.push({ path: "authorEmail", message: STAFF_EMAIL_MESSAGE });
  if (issues.length > 0) throw new StaffIdentityError(issues);
}

/**
 * The status a reader's comment starts in: spam from a blocked address (the poster is not told),
 * approved when their cookie's commenter is trusted, else pending for a moderator. Neither the
 * name nor the email earns trust: anyone can type those.
 */
export async function readerCommentStatus(
  store: Store,
  poster: ReaderPoster,
): Promise<CommentStatus> {
  if (await isAddressBlocked(store, poster.addressHash)) return "spam";
  return (await isTrustedCommenter(store, poster.commenterHash)) ? "approved" : "pending";
}

/** Comments on the article are closed; nothing was written. The message is the reader's. */
export class CommentsClosedError extends MastheadError {
  declare readonly code: "MH_FORBIDDEN";
  constructor(
    readonly reason: Exclude<CommentsClosedReason, null>,
    closeAfterDays: number | null,
  ) {
    super(
      "MH_FORBIDDEN",
      reason === "expired"
        ? `Comments on this article closed ${closeAfterDays} days after it was published, so yours was not posted.`
        : "Comments are closed on this article, so yours was not posted.",
    );
    this.name = "CommentsClosedError";
  }
}

/**
 * Who posts: a reader, known only by their browser's commenter cookie and their address (and
 * held to the per-address `limit`), or a member of staff signed in on the site, posting under
 * `name` (their byline).
 */
export type CommentPoster =
  | ({ kind: "reader"; limit: CommentRateLimit } & ReaderPoster)
  | { kind: "staff"; actor: RequestActor; name: string };

/**
 * The comment form's fields as posted; `parentId` "" for a top-level comment. Staff post under
 * their own name, so their `authorName` and `authorEmail` are ignored. Whether the form came
 * from our page (its stamp, the honeypot, a staff session's CSRF token) the route checks.
 */
export interface CommentForm {
  articleId: string;
  parentId: string;
  authorName: string;
  authorEmail: string;
  body: string;
}

/**
 * Posts a comment on a published article whose comments are open (NotFoundError,
 * CommentsClosedError otherwise). Staff comments are published at once under their name. A
 * reader's comment may have at most COMMENT_MAX_LINKS links (ContentInvalidError at `body`),
 * may not use a staff member's name or email (StaffIdentityError), is held unless their cookie's
 * commenter is trusted (readerCommentStatus) and counts against their address's limit (the
 * store's CommentRateLimitedError). Records comment.posted (with the pages of the article when
 * it shows at once) and comment.held when it awaits a moderator. Nothing is written on a refusal.
 * @example await postComment({ store }, { kind: "reader", commenterHash, addressHash, limit }, form);
 */
export async function postComment(
  deps: { store: Store },
  poster: CommentPoster,
  form: CommentForm,
): Promise<StoredComment> {
  return transact(deps.store, async (tx) => {
    const article = await getArticleById(tx, form.articleId);
    if (!article || article.kind === "page" || !isPublic(article))
      throw new NotFoundError("article", form.articleId);
    const { commentsCloseAfterDays } = await getSettings(tx);
    const closed = commentsClosedReason(article, commentsCloseAfterDays);
    if (closed !== null) throw new CommentsClosedError(closed, commentsCloseAfterDays);
    const text = { articleId: article.id, parentId: form.parentId, body: form.body };
    let comment: StoredComment;
    if (poster.kind === "staff") {
      // Staff are not rate limited and are published at once, under their own name.
      const { userId } = poster.actor;
      comment = await addComment(
        tx,
        { ...text, authorName: poster.name, authorEmail: "" },
        { status: "approved", authorKey: `u:${userId}`, addressHash: null, staffUserId: userId },
      );
    } else {
      const links = countCommentLinks(form.body);
      if (links > COMMENT_MAX_LINKS)
        throw new ContentInvalidError("comment", [
          {
            path: "body",
            message: `comment has ${links} links; at most ${COMMENT_MAX_LINKS} are allowed`,
          },
        ]);
      const input: CommentInput = {
        ...text,
        authorName: form.authorName,
        authorEmail: form.authorEmail,
      };
      await refuseStaffIdentity(tx, input.authorName, input.authorEmail);
      const { commenterHash, addressHash } = poster;
      const status = await readerCommentStatus(tx, { commenterHash, addressHash });
      comment = await addComment(tx, input, { status, commenterHash, addressHash }, poster.limit);
    }
    const seen = comment.status === "approved";
    const events = [
      await commentChanged(tx, "comment.posted", comment, article, seen, {
        status: comment.status,
      }),
    ];
    if (comment.status === "pending")
      events.push(await commentChanged(tx, "comment.held", comment, article, false));
    await recordChanges(tx, events);
    return comment;
  });
}
