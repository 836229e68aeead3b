import {
  COMMENT_MAX_DEPTH,
  COMMENT_MAX_LENGTH,
  COMMENT_MAX_LINKS,
  COMMENT_NAME_MAX_LENGTH,
  type Comment,
  type CommentsClosedReason,
} from "../../content/index.js";
import { articlePath, commentsPostPath } from "../../content/public-paths.js";
import { HONEYPOT_FIELD } from "../comments/policy.js";
import { renderCommentText } from "../comments/render.js";
import { formatDate } from "../format.js";

/** The comment form's box asking for an email confirmation (issue 15), as the form posts it. */
export const CONFIRM_EMAIL_FIELD = "confirm_email";

/** The comment form's fields, named as the form posts them. */
export type CommentField = "name" | "email" | "body";

/** What a reader typed and what was wrong with it, to show the form again without losing text. */
export interface CommentFormState {
  values: Record<CommentField, string>;
  errors: Partial<Record<CommentField, string>>;
  /** Problems that belong to no single field. */
  general: string[];
}

/** The staff member signed in on this (uncached) page, who posts as themselves. */
export interface StaffPoster {
  name: string;
  csrfToken: string;
}

/**
 * What the comments section shows besides the approved comments. Everything personal here
 * (pending comment, staff form) is only set on pages rendered for one request, never cached.
 */
export interface CommentsView {
  /** The signed form stamp (see src/site/comments/signing.ts). */
  stamp: string;
  /** Why comments are closed, or null when open. */
  closed: CommentsClosedReason;
  /** Days after publication comments close, when the publication has that setting. */
  closeAfterDays?: number | null;
  /** The comment being replied to, when the form is a reply. */
  replyTo?: { id: string; authorName: string };
  /** The poster's own comment, awaiting moderation: shown to them alone. */
  ownPending?: Comment;
  /** Whether the form offers to confirm the commenter's email (the site sends email). */
  confirmOffered?: boolean;
  /** With ownPending: what asking for an email confirmation gave. */
  confirmEmail?: "sent" | "wait" | "off";
  staff?: StaffPoster;
}

const EMAIL_MAX_LENGTH = 254;
const LABELS: Record<CommentField, string> = { name: "Name", email: "Email", body: "Comment" };
const FIELDS: CommentField[] = ["name", "email", "body"];

const fieldId = (f: CommentField) => `comment-${f}`;
const errorId = (f: CommentField) => `comment-${f}-error`;
const hintId = (f: CommentField) => `comment-${f}-hint`;
const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function describedBy(f: CommentField, hasHint: boolean, form: CommentFormState | undefined) {
  const ids = [hasHint ? hintId(f) : "", form?.errors[f] ? errorId(f) : ""].filter(Boolean);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

function FieldError({ field, form }: { field: CommentField; form: CommentFormState | undefined }) {
  const message = form?.errors[field];
  return message ? (
    <p class="field-error" id={errorId(field)}>
      <span class="visually-hidden">Error: </span>
      {sentence(message)}
    </p>
  ) : null;
}

function ErrorSummary({ form }: { form: CommentFormState }) {
  const fields = FIELDS.filter((f) => form.errors[f]);
  if (fields.length === 0 && form.general.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <p class="error-summary-title" id="error-summary-title">
        Your comment was not posted. Please correct:
      </p>
      <ul>
        {fields.map((f) => (
          <li key={f}>
            <a href={`#${fieldId(f)}`}>
              {LABELS[f]}: {form.errors[f]}
            </a>
          </li>
        ))}
        {form.general.map((m) => (
          <li key={m}>{sentence(m)}</li>
        ))}
      </ul>
    </div>
  );
}

function ReaderFields({
  form,
  confirmOffered,
}: {
  form: CommentFormState | undefined;
  confirmOffered: boolean;
}) {
  const v = form?.values;
  const invalid = (f: CommentField) => (form?.errors[f] ? "true" : undefined);
  return (
    <>
      <div class="field">
        <label for={fieldId("name")}>Name</label>
        <FieldError field="name" form={form} />
        <input
          id={fieldId("name")}
          name="name"
          type="text"
          required
          maxlength={COMMENT_NAME_MAX_LENGTH}
          autocomplete="name"
          value={v?.name ?? ""}
          aria-invalid={invalid("name")}
          aria-describedby={describedBy("name", false, form)}
        />
      </div>
      <div class="field">
        <label for={fieldId("email")}>
          Email <span class="optional">(optional)</span>
        </label>
        <p class="hint" id={hintId("email")}>
          Never shown. Only an editor may use it to reach you about your comment.
        </p>
        <FieldError field="email" form={form} />
        <input
          id={fieldId("email")}
          name="email"
          type="email"
          maxlength={EMAIL_MAX_LENGTH}
          autocomplete="email"
          value={v?.email ?? ""}
          aria-invalid={invalid("email")}
          aria-describedby={describedBy("email", true, form)}
        />
        {confirmOffered ? (
          <label class="comment-confirm-email">
            <input type="checkbox" name={CONFIRM_EMAIL_FIELD} value="yes" /> Confirm my email to be
            trusted: we email you a link, and once you confirm, your comments from this browser are
            published without waiting
          </label>
        ) : null}
      </div>
      {/* A trap for bots that fill in every field: hidden from people and assistive tech. */}
      <div class="comment-hp" aria-hidden="true">
        <label for="comment-website">Leave this empty</label>
        <input
          id="comment-website"
          name={HONEYPOT_FIELD}
          type="text"
          tabindex={-1}
          autocomplete="off"
        />
      </div>
    </>
  );
}

function CommentForm({
  slug,
  form,
  view,
}: {
  slug: string;
  form: CommentFormState | undefined;
  view: CommentsView | undefined;
}) {
  const replyTo = view?.replyTo;
  const invalid = form?.errors.body ? "true" : undefined;
  return (
    // The fragment in the action brings the reader back to the form when errors are shown.
    <form
      class="comment-form"
      id="comment-form"
      method="post"
      action={`${commentsPostPath(slug)}#comment-form`}
      aria-labelledby="leave-comment"
    >
      <h3 id="leave-comment">{replyTo ? `Reply to ${replyTo.authorName}` : "Leave a Comment"}</h3>
      {replyTo ? (
        <p class="comment-replying">
          <a href={`${articlePath(slug)}#comment-${replyTo.id}`}>
            See the comment you are replying to
          </a>{" "}
          · <a href={`${articlePath(slug)}#comment-form`}>Write a new comment instead</a>
        </p>
      ) : null}
      {form ? <ErrorSummary form={form} /> : null}
      <input type="hidden" name="stamp" value={view?.stamp ?? ""} />
      {replyTo ? <input type="hidden" name="parent" value={replyTo.id} /> : null}
      {view?.staff ? (
        <>
          <input type="hidden" name="csrf" value={view.staff.csrfToken} />
          <p class="comment-as-staff">
            Posting as <strong>{view.staff.name}</strong>{" "}
            <span class="comment-staff-badge">Staff</span>: published at once.
          </p>
        </>
      ) : (
        <ReaderFields form={form} confirmOffered={view?.confirmOffered === true} />
      )}
      <div class="field">
        <label for={fieldId("body")}>Comment</label>
        <p class="hint" id={hintId("body")}>
          Up to {COMMENT_MAX_LENGTH.toLocaleString("en")} characters and {COMMENT_MAX_LINKS} links.
          Leave a blank line between paragraphs; *stars* for emphasis. Comments from new commenters
          wait for an editor's approval.
        </p>
        <FieldError field="body" form={form} />
        <textarea
          id={fieldId("body")}
          name="body"
          rows={6}
          required
          maxlength={COMMENT_MAX_LENGTH}
          value={form?.values.body ?? ""}
          aria-invalid={invalid}
          aria-describedby={describedBy("body", true, form)}
        />
      </div>
      {view?.staff ? null : (
        // A functional cookie, set only by posting (see src/site/comments/commenter-cookie.ts).
        <p class="hint comment-cookie">
          Commenting sets a cookie that lets your later comments through once one is approved.
        </p>
      )}
      <button type="submit" class="button">
        {replyTo ? "Post reply" : "Post comment"}
      </button>
    </form>
  );
}

/** A comment with the replies readers may see under it. */
interface ThreadNode {
  comment: Comment;
  pending: boolean;
  replies: ThreadNode[];
}

/**
 * Arranges comments (oldest first) into threads. A reply whose parent is not shown (removed, or
 * not yet approved) is shown at the top level rather than hidden.
 */
function threads(comments: readonly Comment[], ownPending: Comment | undefined): ThreadNode[] {
  const nodes = new Map<string, ThreadNode>();
  const all = ownPending ? [...comments, ownPending] : comments;
  for (const c of all) nodes.set(c.id, { comment: c, pending: c === ownPending, replies: [] });
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parentId ? nodes.get(node.comment.parentId) : undefined;
    (parent ? parent.replies : roots).push(node);
  }
  return roots;
}

function CommentItem({
  node,
  slug,
  language,
  canReply,
}: {
  node: ThreadNode;
  slug: string;
  language: string;
  canReply: boolean;
}) {
  const { comment, pending } = node;
  const replyable = canReply && !pending && (comment.depth ?? 0) < COMMENT_MAX_DEPTH;
  return (
    <li class={`comment${pending ? " comment-pending" : ""}`} id={`comment-${comment.id}`}>
      <article aria-labelledby={`comment-${comment.id}-by`}>
        <p class="comment-meta" id={`comment-${comment.id}-by`}>
          <span class="comment-author">
            {comment.authorUrl && /^https?:\/\//i.test(comment.authorUrl) ? (
              // A reader's own site: not endorsed by the publication (nofollow), user content (ugc).
              <a href={comment.authorUrl} rel="nofollow ugc noopener">
                {comment.authorName}
              </a>
            ) : (
              comment.authorName
            )}
          </span>
          {comment.staffUserId ? <span class="comment-staff-badge">Staff</span> : null}{" "}
          <time datetime={comment.createdAt}>{formatDate(comment.createdAt, language)}</time>
          {comment.editedAt ? <span class="comment-edited">(edited by an editor)</span> : null}
        </p>
        {pending ? (
          <p class="comment-awaiting" role="status">
            Awaiting moderation: only you can see this until an editor approves it.
          </p>
        ) : null}
        {/* A reader's text through the safe subset renderer: anything else comes out escaped. */}
        <div
          class="comment-body"
          dangerouslySetInnerHTML={{ __html: renderCommentText(comment.body) }}
        />
        {replyable ? (
          <p class="comment-actions">
            <a
              class="comment-reply"
              href={`${articlePath(slug)}?replyTo=${comment.id}#comment-form`}
              rel="nofollow"
            >
              Reply<span class="visually-hidden"> to {comment.authorName}</span>
            </a>
          </p>
        ) : null}
      </article>
      {node.replies.length > 0 ? (
        <ol class="comment-list comment-replies" aria-label={`Replies to ${comment.authorName}`}>
          {node.replies.map((r) => (
            <CommentItem
              node={r}
              slug={slug}
              language={language}
              canReply={canReply}
              key={r.comment.id}
            />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

const CONFIRM_NOTICES = {
  sent: "We sent you a message: open its link and press the button to confirm your email address. Then your comments from this browser are published at once.",
  wait: "A confirmation message was sent to you a few minutes ago: please use the link in it (we send at most one every ten minutes).",
  off: "This site cannot send email right now, so your address could not be confirmed; an editor will look at your comment.",
} as const;

function ConfirmEmailNotice({ asked }: { asked: keyof typeof CONFIRM_NOTICES }) {
  return (
    <p class="comment-confirm-status" role="status">
      {CONFIRM_NOTICES[asked]}
    </p>
  );
}

function ClosedNotice({ view }: { view: CommentsView | undefined }) {
  if (view?.closed === "expired" && view.closeAfterDays)
    return (
      <p class="comments-closed">
        Comments are closed: they close {view.closeAfterDays} days after an article is published.
      </p>
    );
  return <p class="comments-closed">Comments are closed on this article.</p>;
}

/** The comments section: the count, the threads, and the form (or a closed notice). */
export function Comments({
  slug,
  comments,
  enabled,
  language,
  form,
  view,
}: {
  slug: string;
  /** Approved comments, oldest first. */
  comments: readonly Comment[];
  enabled: boolean;
  language: string;
  form?: CommentFormState;
  view?: CommentsView;
}) {
  const open = enabled && (view?.closed ?? null) === null;
  const roots = threads(comments, view?.ownPending);
  return (
    <section id="comments" class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({comments.length})</h2>
      {view?.ownPending && view.confirmEmail ? (
        <ConfirmEmailNotice asked={view.confirmEmail} />
      ) : null}
      {roots.length > 0 ? (
        <ol class="comment-list">
          {roots.map((node) => (
            <CommentItem
              node={node}
              slug={slug}
              language={language}
              canReply={open}
              key={node.comment.id}
            />
          ))}
        </ol>
      ) : open ? (
        <p class="muted">No comments yet.</p>
      ) : null}
      {open ? <CommentForm slug={slug} form={form} view={view} /> : <ClosedNotice view={view} />}
    </section>
  );
}
