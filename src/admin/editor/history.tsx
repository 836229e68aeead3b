import { useState } from "preact/hooks";
import { type Article, type BodyBlock, blockText } from "../../content/index.js";
import { Dialog } from "../components/dialog.js";
import { Notice } from "../components/notice.js";
import { StatusBadge } from "../components/status-badge.js";
import { formatDateTime } from "../lib/format.js";
import { articles } from "../lib/resources.js";
import type { RevisionSummary } from "../lib/types.js";
import { useResource } from "../lib/use-resource.js";

const KIND_LABELS: Record<RevisionSummary["kind"], string> = {
  baseline: "Original",
  create: "Created",
  edit: "Edited",
  transition: "Status changed",
  restore: "Restored",
  "scheduled-publish": "Published on schedule",
};

const BLOCK_LABELS: Record<BodyBlock["type"], string> = {
  paragraph: "",
  heading: "Heading",
  quote: "Quotation",
  list: "List",
  image: "Image",
  video: "Video",
  commentary: "Commentary",
  tracker: "Tracker",
  ad: "Ad slot",
  divider: "Divider",
  html: "HTML",
  table: "Table",
  pullquote: "Pull quote",
  code: "Code",
  gallery: "Gallery",
  audio: "Audio",
  "video-file": "Video file",
  document: "Document",
  incomplete: "Unfinished block",
};

/** A saved version, read-only: headline, dek and each block's text. */
function Snapshot({ article }: { article: Article }) {
  return (
    <article class="snapshot">
      <p>
        <StatusBadge status={article.status} />
      </p>
      <h3 class="snapshot-headline">{article.headline}</h3>
      {article.dek ? <p class="snapshot-dek">{article.dek}</p> : null}
      {article.body.map((block, i) => {
        const label = BLOCK_LABELS[block.type];
        const text = blockText(block);
        return (
          <div key={i} class={`snapshot-block snapshot-${block.type}`}>
            {label ? <span class="snapshot-label">{label}</span> : null}
            {block.type === "quote"
              ? `“${text}” — ${block.speaker}`
              : text || (block.type === "image" ? block.alt : "")}
          </div>
        );
      })}
    </article>
  );
}

/** The article's revisions: what changed in each, who saved it; view or restore one. */
export function HistoryDialog({
  open,
  articleId,
  currentVersion,
  mayRestore,
  onClose,
  restore,
}: {
  open: boolean;
  articleId: string;
  currentVersion: number;
  mayRestore: boolean;
  onClose: () => void;
  restore: (revisionId: string) => Promise<string | null>;
}) {
  const list = useResource(
    () => (open ? articles.revisions(articleId) : Promise.resolve([])),
    [open, articleId, currentVersion],
  );
  const [viewing, setViewing] = useState<RevisionSummary | null>(null);
  const snapshot = useResource(
    () =>
      viewing
        ? articles.revision(articleId, viewing.id).then((r) => r.snapshot)
        : Promise.resolve(null),
    [viewing?.id],
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doRestore = async (revision: RevisionSummary) => {
    setBusy(true);
    setError(null);
    const problem = await restore(revision.id);
    setBusy(false);
    if (problem) setError(problem);
    else {
      setViewing(null);
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      size="large"
      title={viewing ? `Version ${viewing.version}` : "History"}
      description={
        viewing
          ? undefined
          : "Every save is kept. Restoring a version saves it as the newest, so nothing is lost."
      }
      onClose={() => {
        setViewing(null);
        onClose();
      }}
      footer={
        viewing ? (
          <>
            <button type="button" class="button" onClick={() => setViewing(null)}>
              Back to the list
            </button>
            {mayRestore && viewing.version !== currentVersion ? (
              <button
                type="button"
                class="button button-primary"
                disabled={busy}
                onClick={() => doRestore(viewing)}
              >
                Restore this version
              </button>
            ) : null}
          </>
        ) : undefined
      }
    >
      {error ? (
        <Notice kind="error" live>
          {error}
        </Notice>
      ) : null}
      {viewing ? (
        snapshot.data ? (
          <Snapshot article={snapshot.data} />
        ) : snapshot.error ? (
          <Notice kind="error">{snapshot.error.message}</Notice>
        ) : (
          <p class="loading" role="status">
            Loading…
          </p>
        )
      ) : list.error ? (
        <Notice kind="error">{list.error.message}</Notice>
      ) : !list.data || (list.loading && list.data.length === 0) ? (
        <p class="loading" role="status">
          Loading the history…
        </p>
      ) : list.data.length === 0 ? (
        <p class="empty-inline">
          No saved versions yet. From the next save on, every version is listed here.
        </p>
      ) : (
        <ol class="revisions">
          {list.data.map((r) => (
            <li key={r.id} class="revision">
              <div class="revision-main">
                <p class="revision-title">
                  <span class="revision-version">Version {r.version}</span>{" "}
                  {KIND_LABELS[r.kind] ?? "Saved"}
                  {r.kind === "baseline" ? "" : ` by ${r.actor.name}`}
                  {r.version === currentVersion ? (
                    <span class="badge badge-current">Current</span>
                  ) : null}
                </p>
                <p class="revision-summary">{r.summary}</p>
                <p class="revision-time">
                  <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time>
                </p>
              </div>
              <div class="revision-actions">
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => setViewing(r)}
                  aria-label={`View version ${r.version}`}
                >
                  View
                </button>
                {mayRestore && r.version !== currentVersion ? (
                  <button
                    type="button"
                    class="button button-small"
                    disabled={busy}
                    onClick={() => doRestore(r)}
                    aria-label={`Restore version ${r.version}`}
                  >
                    Restore
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
