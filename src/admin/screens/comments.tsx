import { useState } from "preact/hooks";
import { COMMENT_MAX_LENGTH, type CommentStatus, can } from "../../content/index.js";
import { Notice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { PageHeader } from "../components/shell.js";
import { api } from "../lib/api.js";
import { formatAgo, formatDateTime, plural } from "../lib/format.js";
import { Link } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

/** A comment as the moderation endpoints return it (email and address hash for moderators). */
interface ModeratedComment {
  id: string;
  articleId: string;
  article: { id: string; slug: string; headline: string };
  parentId: string | null;
  authorName: string;
  authorEmail: string | null;
  addressHash: string | null;
  addressBlocked: boolean;
  staffUserId: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
}

interface CommentList {
  items: ModeratedComment[];
  total: number;
  counts: Record<CommentStatus, number>;
}

const STATUS_NAMES: Record<CommentStatus, string> = {
  approved: "Approved",
  pending: "Pending",
  spam: "Spam",
  deleted: "Deleted",
};
// The queue first: what waits for a decision.
const FILTERS: CommentStatus[] = ["pending", "approved", "spam", "deleted"];
const PAGE = 30;

const list = (status: CommentStatus, offset: number) =>
  api<CommentList>("GET", `/comments?status=${status}&limit=${PAGE}&offset=${offset}`);
const moderate = (id: string, change: { status?: CommentStatus; body?: string }) =>
  api<{ comment: ModeratedComment }>("PATCH", `/comments/${id}`, change);
const block = (addressHash: string) => api("POST", "/comment-blocks", { addressHash });
const unblock = (addressHash: string) => api("DELETE", `/comment-blocks/${addressHash}`);

/** What each action is called on its button and in the message after it. */
const MOVES: { to: CommentStatus; label: string; done: string; className: string }[] = [
  { to: "approved", label: "Approve", done: "approved", className: "button button-small" },
  {
    to: "pending",
    label: "Back to pending",
    done: "moved back to pending",
    className: "button button-small",
  },
  { to: "spam", label: "Spam", done: "marked as spam", className: "button button-small" },
  {
    to: "deleted",
    label: "Delete",
    done: "deleted",
    className: "button button-small button-danger-quiet",
  },
];

function CommentCard({
  comment,
  moderator,
  onChanged,
}: {
  comment: ModeratedComment;
  moderator: boolean;
  onChanged: (message: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(comment.body);
  const form = useSubmit();
  const busy = form.busy;
  const problem = form.problem?.message ?? null;
  const who = `${comment.authorName}'s comment`;

  const run = (work: () => Promise<unknown>, message: string) =>
    form.run(async () => {
      await work();
      onChanged(message);
    });

  const moves = MOVES.filter((m) => m.to !== comment.status && comment.status !== "deleted");
  const bodyId = `comment-${comment.id}-body`;
  return (
    <li class="comment" aria-labelledby={`comment-${comment.id}-meta`}>
      <p class="comment-meta" id={`comment-${comment.id}-meta`}>
        <strong>{comment.authorName}</strong>
        {comment.staffUserId ? <span class="badge"> Staff</span> : null}
        {comment.authorEmail ? <span class="muted"> &lt;{comment.authorEmail}&gt;</span> : null} on{" "}
        <Link href={`/articles/${comment.article.id}`}>{comment.article.headline}</Link> ·{" "}
        <time dateTime={comment.createdAt} title={formatDateTime(comment.createdAt)}>
          {formatAgo(comment.createdAt)}
        </time>{" "}
        <span class={`badge badge-comment-${comment.status}`}>{STATUS_NAMES[comment.status]}</span>
        {comment.parentId ? <span class="muted"> · a reply</span> : null}
        {comment.editedAt ? <span class="muted"> · edited</span> : null}
      </p>
      {editing ? (
        <form
          class="comment-edit"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => moderate(comment.id, { body: text }), `${who} was edited`).then(() =>
              setEditing(false),
            );
          }}
        >
          <label for={bodyId}>Text of {who}</label>
          <textarea
            id={bodyId}
            value={text}
            rows={5}
            maxLength={COMMENT_MAX_LENGTH}
            required
            onInput={(e) => setText(e.currentTarget.value)}
          />
          <div class="button-row">
            <button type="submit" class="button button-small" disabled={busy}>
              Save text
            </button>
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                setText(comment.body);
                setEditing(false);
              }}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <p class="comment-body">{comment.body}</p>
      )}
      {problem ? (
        <Notice kind="error" live>
          {problem}
        </Notice>
      ) : null}
      <div class="button-row comment-actions">
        {moderator && !editing
          ? moves.map((m) => (
              <button
                key={m.to}
                type="button"
                class={m.className}
                disabled={busy}
                aria-label={`${m.label}: ${who}`}
                onClick={() =>
                  void run(() => moderate(comment.id, { status: m.to }), `${who} was ${m.done}`)
                }
              >
                {m.label}
              </button>
            ))
          : null}
        {moderator && !editing && comment.status !== "deleted" ? (
          <button
            type="button"
            class="button button-small"
            aria-label={`Edit ${who}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </button>
        ) : null}
        {moderator && comment.addressHash ? (
          comment.addressBlocked ? (
            <button
              type="button"
              class="button button-small"
              disabled={busy}
              onClick={() =>
                void run(() => unblock(comment.addressHash as string), "The address was unblocked")
              }
            >
              Unblock address
            </button>
          ) : (
            <button
              type="button"
              class="button button-small button-danger-quiet"
              disabled={busy}
              title="Later comments from this address are held as spam"
              onClick={() =>
                void run(
                  () => block(comment.addressHash as string),
                  "The address was blocked: its comments will be held as spam",
                )
              }
            >
              Block address
            </button>
          )
        ) : null}
        {comment.status === "approved" ? (
          <a
            class="comment-link"
            href={`/articles/${comment.article.slug}#comment-${comment.id}`}
            target="_blank"
            rel="noopener"
          >
            View on the site
          </a>
        ) : null}
      </div>
    </li>
  );
}

/** The moderation queue: readers' comments by status, with approve, spam, delete, edit, block. */
export function CommentsScreen({ user }: { user: SessionUser }) {
  useTitle("Comments");
  const moderator = can(user.role, "comments.moderate");
  const [status, setStatus] = useState<CommentStatus>("pending");
  const [offset, setOffset] = useState(0);
  const [said, setSaid] = useState("");
  const comments = useResource(() => list(status, offset), [status, offset]);
  const items = comments.data?.items ?? [];
  const total = comments.data?.total ?? 0;
  const counts = comments.data?.counts;
  const changed = (message: string) => {
    setSaid(message);
    toast(message);
    // The acted-on comment may leave this list: keep keyboard focus near it, on the filters.
    void comments
      .reload()
      .then(() =>
        document
          .querySelector<HTMLButtonElement>('.comment-filters [aria-pressed="true"]')
          ?.focus(),
      );
  };
  return (
    <>
      <PageHeader
        title="Comments"
        intro="What readers wrote under articles. New commenters wait here until approved; once one of their comments is approved, later ones appear at once."
      />
      <fieldset class="comment-filters">
        <legend class="visually-hidden">Show comments</legend>
        {FILTERS.map((s) => (
          <button
            key={s}
            type="button"
            class="tab"
            aria-pressed={status === s ? "true" : "false"}
            onClick={() => {
              setStatus(s);
              setOffset(0);
            }}
          >
            {STATUS_NAMES[s]}
            {counts ? <span class="count"> ({counts[s]})</span> : null}
          </button>
        ))}
      </fieldset>
      <p class="visually-hidden" role="status">
        {said}
      </p>
      {comments.error ? (
        <Notice kind="error" live>
          {comments.error.message}
        </Notice>
      ) : null}
      {!comments.data && comments.loading ? (
        <p class="loading" role="status">
          Loading comments…
        </p>
      ) : items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No comments marked {STATUS_NAMES[status].toLowerCase()}</p>
        </div>
      ) : (
        <>
          <p class="list-count">{plural(total, "comment")}</p>
          <ul class="comment-list" aria-label={`${STATUS_NAMES[status]} comments`}>
            {items.map((c) => (
              <CommentCard key={c.id} comment={c} moderator={moderator} onChanged={changed} />
            ))}
          </ul>
          <Pager
            label="comments"
            offset={offset}
            pageSize={PAGE}
            total={total}
            onOffset={setOffset}
          />
        </>
      )}
    </>
  );
}
