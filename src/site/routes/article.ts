import { fastifyCookie } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sessionActor } from "../../auth/identify.js";
import { SESSION_COOKIE } from "../../auth/policy.js";
import { resumeSession } from "../../auth/sessions.js";
import { sameSecret } from "../../auth/tokens.js";
import {
  COMMENT_MAX_DEPTH,
  ContentInvalidError,
  commentsClosedReason,
  type FieldIssue,
  isDatabaseUnreachable,
  isSlug,
  NotFoundError,
} from "../../content/index.js";
import { articlePath } from "../../content/public-paths.js";
import {
  askCommenterConfirmation,
  type ConfirmationAsked,
} from "../../services/commenter-verification.js";
import {
  type CommentPoster,
  CommentsClosedError,
  postComment,
  StaffIdentityError,
} from "../../services/reader-comments.js";
import {
  type ArticlePage,
  CommentRateLimitedError,
  getComment,
  getCommentSecret,
  getPersonById,
  loadArticlePage,
  type StoredComment,
  takesSubscribers,
} from "../../store/reads.js";
import { commenterCookieOf, setCommenterCookie } from "../comments/commenter-cookie.js";
import {
  COMMENT_FORM_MAX_AGE_MS,
  COMMENT_MIN_SUBMIT_MS,
  COMMENT_RATE_LIMIT,
  COMMENT_RATE_WINDOW_MS,
  HONEYPOT_FIELD,
} from "../comments/policy.js";
import {
  commenterHash,
  commenterIdOf,
  formStampAge,
  hashAddress,
  isPendingToken,
  makeFormStamp,
  newCommenterToken,
  pendingToken,
} from "../comments/signing.js";
import {
  CONFIRM_EMAIL_FIELD,
  type CommentField,
  type CommentFormState,
  type CommentsView,
  type StaffPoster,
} from "../components/comments.js";
import type { SiteContext } from "../context.js";
import { renderArticlePage } from "../pages/article.js";
import { renderForbiddenPage } from "../pages/error.js";
import { cachedPage, loadContext, type SiteDeps, sendHtml, sendNotFound } from "./respond.js";

// Where the store reports a problem (schema path) -> which form field shows it.
const FIELD_OF_PATH: Record<string, CommentField> = {
  authorName: "name",
  authorEmail: "email",
  body: "body",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `&confirm=` after a held comment: what asking for an email confirmation gave. */
const CONFIRM_ANSWERS = new Set<string>(["sent", "wait", "off"]);
/** `?pending=<comment id>.<token>` (see pendingToken). */
const PENDING_PARAM =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{32}$/i;

/** A form value as a string: formbody gives arrays for repeated fields, JSON anything at all. */
function formValue(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null) return "";
  const v = (body as Record<string, unknown>)[name];
  if (typeof v === "string") return v;
  if (Array.isArray(v) && typeof v[0] === "string") return v[0];
  return "";
}

/** The form state to show again after the store or the service refused a comment. */
function formState(values: CommentFormState["values"], issues: readonly FieldIssue[]) {
  const form: CommentFormState = { values, errors: {}, general: [] };
  for (const issue of issues) {
    const field = FIELD_OF_PATH[issue.path];
    if (field === undefined) form.general.push(issue.message);
    else form.errors[field] ??= issue.message;
  }
  return form;
}

/** The signed-in staff member behind the request's session cookie, if any. */
async function staffOf(deps: SiteDeps, request: FastifyRequest) {
  const header = request.headers.cookie;
  if (!header?.includes(`${SESSION_COOKIE}=`)) return undefined;
  const token = fastifyCookie.parse(header)[SESSION_COOKIE];
  if (!token) return undefined;
  const session = await resumeSession(deps.store, token);
  if (!session) return undefined;
  const person = session.user.personId
    ? await getPersonById(deps.store, session.user.personId)
    : undefined;
  return { session, name: person?.name ?? session.user.name };
}

/** The comment being replied to, when it may be replied to on this article. */
async function replyTarget(deps: SiteDeps, page: ArticlePage, id: string) {
  if (!UUID.test(id)) return undefined;
  const parent = await getComment(deps.store, id);
  if (!parent || parent.articleId !== page.article.id || parent.status !== "approved")
    return undefined;
  if (parent.depth >= COMMENT_MAX_DEPTH) return undefined;
  return { id: parent.id, authorName: parent.authorName };
}

/** Whether a GET must be rendered for this request alone (and so never cached). */
function isPersonal(request: FastifyRequest): boolean {
  const q = request.query as Record<string, unknown>;
  return (
    q.pending !== undefined ||
    q.replyTo !== undefined ||
    request.headers.cookie?.includes(`${SESSION_COOKIE}=`) === true
  );
}

/** The article page and its comment form's target. */
export function registerArticleRoutes(app: FastifyInstance, deps: SiteDeps): void {
  const { store } = deps;
  const serve = cachedPage(deps);

  /** What the comments section needs that every reader may see (it goes into the cache). */
  const publicView = async (page: ArticlePage, ctx: SiteContext): Promise<CommentsView> => {
    const secret = await getCommentSecret(store);
    const closeAfterDays = ctx.settings.commentsCloseAfterDays;
    return {
      stamp: makeFormStamp(secret, page.article.id),
      closed: commentsClosedReason(page.article, closeAfterDays),
      closeAfterDays,
      // Only a site that sends email offers commenters to confirm theirs.
      confirmOffered: ctx.config.mail.smtpUrl !== null,
    };
  };

  /** The page every reader gets, from the page cache. */
  const publicPage = (request: FastifyRequest, reply: FastifyReply, slug: string) =>
    serve(request, reply, articlePath(slug), async () => {
      if (!isSlug(slug)) return undefined;
      const [page, ctx] = await Promise.all([loadArticlePage(store, slug), loadContext(deps)]);
      if (!page) return undefined;
      const [comments, subscribe] = await Promise.all([
        publicView(page, ctx),
        takesSubscribers(store),
      ]);
      return renderArticlePage(page, { ...ctx, comments, subscribe });
    });

  /**
   * The page for one request: a reply form, the poster's pending comment, the staff form. A
   * malformed parameter or a cookie of no live session gets the cached page, so made-up query
   * strings and cookies cannot make every request a fresh render.
   */
  const personalPage = async (request: FastifyRequest, reply: FastifyReply, slug: string) => {
    const q = request.query as Record<string, unknown>;
    const replyTo = typeof q.replyTo === "string" && UUID.test(q.replyTo) ? q.replyTo : undefined;
    const pending =
      typeof q.pending === "string" && PENDING_PARAM.test(q.pending) ? q.pending : undefined;
    const staff = await staffOf(deps, request).catch((error: unknown) => {
      // While the database is down a session cannot be checked: the public copy (cached, or
      // stale) shows a signed-in reader nothing they could not see anyway, and beats a 503.
      if (isDatabaseUnreachable(error)) return undefined;
      throw error;
    });
    if (replyTo === undefined && pending === undefined && staff === undefined)
      return publicPage(request, reply, slug);
    const [page, ctx] = await Promise.all([loadArticlePage(store, slug), loadContext(deps)]);
    if (!page) return sendNotFound(deps, reply);
    const view = await publicView(page, ctx);
    if (replyTo !== undefined) view.replyTo = await replyTarget(deps, page, replyTo);
    if (pending !== undefined) {
      const [id = "", token = ""] = pending.split(".");
      const own = isPendingToken(await getCommentSecret(store), id, token)
        ? await getComment(store, id)
        : undefined;
      // Held as spam looks the same as pending to the poster: a blocked address is not told.
      if (
        own &&
        own.articleId === page.article.id &&
        (own.status === "pending" || own.status === "spam")
      ) {
        view.ownPending = own;
        if (typeof q.confirm === "string" && CONFIRM_ANSWERS.has(q.confirm))
          view.confirmEmail = q.confirm as ConfirmationAsked;
      }
    }
    if (staff) view.staff = { name: staff.name, csrfToken: staff.session.csrfToken };
    const subscribe = await takesSubscribers(store);
    return sendHtml(reply, 200, renderArticlePage(page, { ...ctx, comments: view, subscribe }));
  };

  // Benchmarked: a warm hit is one Map lookup inside `serve`, then the stored bytes.
  app.get<{ Params: { slug: string } }>("/articles/:slug", (request, reply) => {
    const { slug } = request.params;
    if (isPersonal(request) && isSlug(slug)) return personalPage(request, reply, slug);
    return publicPage(request, reply, slug);
  });

  app.post<{ Params: { slug: string } }>("/articles/:slug/comments", async (request, reply) => {
    const { slug } = request.params;
    if (!isSlug(slug)) return sendNotFound(deps, reply);
    const [page, ctx] = await Promise.all([loadArticlePage(store, slug), loadContext(deps)]);
    if (!page) return sendNotFound(deps, reply);
    const view = await publicView(page, ctx);
    const body = request.body;
    const values = {
      name: formValue(body, "name"),
      email: formValue(body, "email"),
      body: formValue(body, "body"),
    };
    const parentId = formValue(body, "parent");
    const secret = await getCommentSecret(store);

    // Shows the form again with the reader's text and what went wrong; nothing was written.
    const refuse = async (status: number, form: CommentFormState, staff?: StaffPoster) => {
      const again: CommentsView = { ...view, ...(staff ? { staff } : {}) };
      if (parentId) again.replyTo = await replyTarget(deps, page, parentId);
      const subscribe = await takesSubscribers(store);
      return sendHtml(
        reply,
        status,
        renderArticlePage(page, { ...ctx, form, comments: again, subscribe }),
      );
    };
    const general = (message: string): CommentFormState => ({
      values,
      errors: {},
      general: [message],
    });
    const forbiddenPage = (message: string) =>
      sendHtml(reply, 403, renderForbiddenPage(ctx, message));

    // Who posts, and whether the form came from our page; the service decides the rest.
    let poster: CommentPoster;
    let staffPoster: StaffPoster | undefined;
    // Set on the answer to a reader's comment, never for staff (their session says who they are).
    let readerToken: string | undefined;
    const csrf = formValue(body, "csrf");
    if (csrf) {
      // A staff form: the session's own CSRF token (as the admin API checks it) proves the post
      // came from our page; the SameSite=Lax cookie already keeps other sites' forms out.
      const staff = await staffOf(deps, request);
      if (!staff)
        return forbiddenPage(
          "Your staff session has ended, so your comment was not posted. Sign in again, then go back to the article.",
        );
      if (!sameSecret(csrf, staff.session.csrfToken))
        return forbiddenPage(
          "This form does not belong to your current session (MH_CSRF). Reload the article and post again.",
        );
      staffPoster = { name: staff.name, csrfToken: staff.session.csrfToken };
      poster = { kind: "staff", actor: sessionActor(staff.session), name: staff.name };
    } else {
      if (formValue(body, HONEYPOT_FIELD) !== "")
        return refuse(
          400,
          general(
            "the form looks filled in by a program (a hidden field had text); please post again",
          ),
        );
      const age = formStampAge(secret, page.article.id, formValue(body, "stamp"));
      if (age === undefined || age > COMMENT_FORM_MAX_AGE_MS)
        return refuse(
          400,
          general(
            "this form has expired or could not be checked; your text is kept below, please post again",
          ),
        );
      if (age < COMMENT_MIN_SUBMIT_MS)
        return refuse(
          400,
          general(
            "that was very quick: please take a moment to check your comment, then post again",
          ),
        );
      // The browser's own token when genuine; a made-up or altered cookie counts as none, and
      // its comment is held like a first comment (it then gets a genuine token of its own).
      const carried = commenterCookieOf(request);
      let commenterId = commenterIdOf(secret, carried);
      let token = carried;
      if (commenterId === undefined) {
        token = newCommenterToken(secret);
        commenterId = commenterIdOf(secret, token) as string;
      }
      readerToken = token;
      poster = {
        kind: "reader",
        commenterHash: commenterHash(commenterId),
        addressHash: hashAddress(secret, request.ip),
        limit: {
          max: COMMENT_RATE_LIMIT,
          since: new Date(Date.now() - COMMENT_RATE_WINDOW_MS).toISOString(),
        },
      };
    }

    let comment: StoredComment;
    try {
      comment = await postComment({ store }, poster, {
        articleId: page.article.id,
        parentId,
        authorName: values.name,
        authorEmail: values.email,
        body: values.body,
      });
    } catch (error) {
      if (error instanceof CommentsClosedError) return forbiddenPage(error.message);
      if (error instanceof CommentRateLimitedError)
        return refuse(
          429,
          general(
            `you have posted ${COMMENT_RATE_LIMIT} comments in the last ${COMMENT_RATE_WINDOW_MS / 60_000} minutes; please wait a few minutes, then post again`,
          ),
        );
      // Only signing in lets a reader use a staff member's name or email.
      if (error instanceof StaffIdentityError) return refuse(403, formState(values, error.issues));
      if (error instanceof ContentInvalidError)
        return refuse(400, formState(values, error.issues), staffPoster);
      // Unpublished or deleted between the load and the insert.
      if (error instanceof NotFoundError) return sendNotFound(deps, reply);
      throw error;
    }
    if (readerToken !== undefined) setCommenterCookie(request, reply, readerToken);
    // An approved comment's event has already dropped this instance's cached pages.
    if (comment.status === "approved")
      return reply.redirect(`${articlePath(slug)}#comment-${comment.id}`, 303);
    const token = `${comment.id}.${pendingToken(secret, comment.id)}`;
    // A held reader's comment with an address, and the box ticked: a confirmation message.
    let confirm = "";
    if (
      poster.kind === "reader" &&
      comment.status === "pending" &&
      comment.authorEmail &&
      formValue(body, CONFIRM_EMAIL_FIELD) !== ""
    )
      confirm = `&confirm=${await askCommenterConfirmation(deps, {
        commenterHash: poster.commenterHash,
        email: comment.authorEmail,
      })}`;
    return reply.redirect(
      `${articlePath(slug)}?pending=${token}${confirm}#comment-${comment.id}`,
      303,
    );
  });
}
