import { useState } from "preact/hooks";
import { COMMENT_STATUSES } from "../../content/index.js";
import { Notice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { formatAgo, formatDateTime, plural } from "../lib/format.js";
import { comments } from "../lib/resources.js";
import { Link } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { useResource } from "../lib/use-resource.js";

const STATUS_NAMES: Record<(typeof COMMENT_STATUSES)[number], string> = {
  approved: "Approved",
  pending: "Pending",
  spam: "Spam",
  deleted: "Deleted",
};
const PAGE = 30;

/** Readers' comments across articles, newest first. */
export function CommentsScreen(_props: { user: SessionUser }) {
  useTitle("Comments");
  const [status, setStatus] = useState("");
  const [offset, setOffset] = useState(0);
  const list = useResource(
    () => comments.list({ status: status || undefined, limit: PAGE, offset }),
    [status, offset],
  );
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <>
      <PageHeader title="Comments" intro="What readers wrote under articles." />
      <search class="filters" aria-label="Filter comments">
        <div class="filter">
          <label for="comment-status">Status</label>
          <select
            id="comment-status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">All</option>
            {COMMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </div>
      </search>
      {list.error ? (
        <Notice kind="error" live>
          {list.error.message}
        </Notice>
      ) : null}
      {!list.data && list.loading ? (
        <p class="loading" role="status">
          Loading comments…
        </p>
      ) : items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">
            No comments
            {status
              ? ` marked ${STATUS_NAMES[status as keyof typeof STATUS_NAMES].toLowerCase()}`
              : " yet"}
          </p>
        </div>
      ) : (
        <>
          <p class="list-count">{plural(total, "comment")}</p>
          <ul class="comment-list">
            {items.map((c) => (
              <li key={c.id} class="comment">
                <p class="comment-meta">
                  <strong>{c.authorName}</strong>
                  {c.authorEmail ? <span class="muted"> &lt;{c.authorEmail}&gt;</span> : null} on{" "}
                  <Link href={`/articles/${c.article.id}`}>{c.article.headline}</Link> ·{" "}
                  <time dateTime={c.createdAt} title={formatDateTime(c.createdAt)}>
                    {formatAgo(c.createdAt)}
                  </time>{" "}
                  <span class={`badge badge-comment-${c.status}`}>{STATUS_NAMES[c.status]}</span>
                </p>
                <p class="comment-body">{c.body}</p>
                <a
                  class="comment-link"
                  href={`/articles/${c.article.slug}#comments`}
                  target="_blank"
                  rel="noopener"
                >
                  View on the site
                </a>
              </li>
            ))}
          </ul>
          {total > PAGE ? (
            <nav class="pager" aria-label="Pages of comments">
              <button
                type="button"
                class="button"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Previous
              </button>
              <span>
                {offset + 1}–{Math.min(offset + PAGE, total)} of {total}
              </span>
              <button
                type="button"
                class="button"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Next
              </button>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}
