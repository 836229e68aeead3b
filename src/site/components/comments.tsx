import { COMMENT_MAX_LENGTH, COMMENT_NAME_MAX_LENGTH, type Comment } from "../../content/index.js";
import { formatDate, paragraphs } from "../format.js";
import { commentsPostPath } from "../paths.js";

/** The comment form's fields, named as the form posts them. */
export type CommentField = "name" | "email" | "body";

/** What a reader typed and what was wrong with it, to show the form again without losing text. */
export interface CommentFormState {
  values: Record<CommentField, string>;
  errors: Partial<Record<CommentField, string>>;
  /** Problems that belong to no single field. */
  general: string[];
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

function CommentForm({ slug, form }: { slug: string; form: CommentFormState | undefined }) {
  const v = form?.values;
  const invalid = (f: CommentField) => (form?.errors[f] ? "true" : undefined);
  return (
    // The fragment in the action brings the reader back to the form when errors are shown.
    <form
      class="comment-form"
      id="comment-form"
      method="post"
      action={`${commentsPostPath(slug)}#comment-form`}
      aria-labelledby="leave-comment"
    >
      <h3 id="leave-comment">Leave a Comment</h3>
      {form ? <ErrorSummary form={form} /> : null}
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
      </div>
      <div class="field">
        <label for={fieldId("body")}>Comment</label>
        <p class="hint" id={hintId("body")}>
          Plain text, up to {COMMENT_MAX_LENGTH.toLocaleString("en")} characters. Leave a blank line
          between paragraphs.
        </p>
        <FieldError field="body" form={form} />
        <textarea
          id={fieldId("body")}
          name="body"
          rows={6}
          required
          maxlength={COMMENT_MAX_LENGTH}
          value={v?.body ?? ""}
          aria-invalid={invalid("body")}
          aria-describedby={describedBy("body", true, form)}
        />
      </div>
      <button type="submit" class="button">
        Post comment
      </button>
    </form>
  );
}

function CommentItem({ comment, language }: { comment: Comment; language: string }) {
  return (
    <li class="comment" id={`comment-${comment.id}`}>
      <p class="comment-meta">
        <span class="comment-author">{comment.authorName}</span>{" "}
        <time datetime={comment.createdAt}>{formatDate(comment.createdAt, language)}</time>
      </p>
      {/* Plain text from a reader: JSX escapes it; blank lines make paragraphs. */}
      {paragraphs(comment.body).map((p, i) => (
        <p class="comment-text" key={i}>
          {p}
        </p>
      ))}
    </li>
  );
}

/** The comments section: the count, the comments, and the form (or a closed notice). */
export function Comments({
  slug,
  comments,
  enabled,
  language,
  form,
}: {
  slug: string;
  comments: readonly Comment[];
  enabled: boolean;
  language: string;
  form?: CommentFormState;
}) {
  return (
    <section id="comments" class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({comments.length})</h2>
      {comments.length > 0 ? (
        <ol class="comment-list">
          {comments.map((c) => (
            <CommentItem comment={c} language={language} key={c.id} />
          ))}
        </ol>
      ) : enabled ? (
        <p class="muted">No comments yet.</p>
      ) : null}
      {enabled ? (
        <CommentForm slug={slug} form={form} />
      ) : (
        <p class="comments-closed">Comments are closed on this article.</p>
      )}
    </section>
  );
}
