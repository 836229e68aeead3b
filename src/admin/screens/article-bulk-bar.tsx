// The article list's action bar: one change for every selected article, sent as one bulk
// request; the API checks each article against the actor's rights and says what it refused.
import { useState } from "preact/hooks";
import type { ArticleStatus } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Notice } from "../components/notice.js";
import { formProblem } from "../lib/errors.js";
import { plural, STATUS_LABELS } from "../lib/format.js";
import { sectionTree, useReference } from "../lib/reference.js";
import { articleBulk, type BulkChange, type BulkReport } from "../lib/resources.js";

type Action =
  | "status"
  | "section"
  | "tags-add"
  | "tags-remove"
  | "authors-add"
  | "authors-remove"
  | "delete";

const ACTIONS: { value: Action; label: string; articlesOnly?: boolean }[] = [
  { value: "status", label: "Change status" },
  { value: "section", label: "Move to section", articlesOnly: true },
  { value: "tags-add", label: "Add tag", articlesOnly: true },
  { value: "tags-remove", label: "Remove tag", articlesOnly: true },
  { value: "authors-add", label: "Add author" },
  { value: "authors-remove", label: "Remove author" },
  { value: "delete", label: "Delete drafts" },
];

/** Statuses a batch may move to; scheduling needs a time per article, so it is done one by one. */
const TARGETS: ArticleStatus[] = ["draft", "in_review", "published", "unpublished"];

/** The change the bar's controls describe, or null while one is missing. */
function changeOf(action: Action, value: string): BulkChange | null {
  if (action === "delete") return { action: "delete" };
  if (action === "section") return { action: "section", sectionId: value || null };
  if (!value) return null;
  if (action === "status") return { action: "status", to: value as ArticleStatus };
  const [field, how] = action.split("-") as ["tags" | "authors", "add" | "remove"];
  return { action: field, [how]: [value] };
}

/** Bulk actions on `selected`; `onApplied` gets the report once the API answered. */
export function ArticleBulkBar({
  selected,
  isPage,
  onClear,
  onApplied,
}: {
  selected: string[];
  isPage: boolean;
  onClear: () => void;
  onApplied: (report: BulkReport) => void;
}) {
  const ref = useReference();
  const [action, setAction] = useState<Action>("status");
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = changeOf(action, value);
  const apply = async () => {
    if (!change) return;
    setBusy(true);
    setError(null);
    try {
      onApplied(await articleBulk.apply(selected, change));
    } catch (e) {
      setError(formProblem(e).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const choices =
    action === "status"
      ? TARGETS.map((s) => ({ id: s, label: STATUS_LABELS[s] }))
      : action === "section"
        ? sectionTree(ref.sections).map(({ section, depth }) => ({
            id: section.id,
            label: `${"\u2003".repeat(depth)}${section.name}`,
          }))
        : action.startsWith("tags")
          ? ref.tags.map((t) => ({ id: t.id, label: t.name }))
          : action.startsWith("authors")
            ? ref.people.map((p) => ({ id: p.id, label: p.name }))
            : [];
  return (
    <section class="bulk-bar" aria-label="Bulk actions">
      <p class="bulk-count" role="status">
        {selected.length} selected
      </p>
      <label class="visually-hidden" for="bulk-action">
        Bulk action
      </label>
      <select
        id="bulk-action"
        value={action}
        onChange={(e) => {
          setAction(e.currentTarget.value as Action);
          setValue("");
        }}
      >
        {ACTIONS.filter((a) => !(isPage && a.articlesOnly)).map((a) => (
          <option key={a.value} value={a.value}>
            {a.label}
          </option>
        ))}
      </select>
      {action === "delete" ? null : (
        <>
          <label class="visually-hidden" for="bulk-value">
            {action === "status" ? "New status" : action === "section" ? "Section" : "Which one"}
          </label>
          <select id="bulk-value" value={value} onChange={(e) => setValue(e.currentTarget.value)}>
            <option value="">{action === "section" ? "No section" : "Choose…"}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </>
      )}
      <button
        type="button"
        class={`button button-small ${action === "delete" ? "button-danger" : "button-primary"}`}
        disabled={busy || !change}
        onClick={() => (action === "delete" ? setConfirming(true) : void apply())}
      >
        {busy ? "Applying…" : action === "delete" ? "Delete…" : "Apply"}
      </button>
      <button type="button" class="link-button" onClick={onClear}>
        Clear selection
      </button>
      {error ? (
        <Notice kind="error" live>
          {error}
        </Notice>
      ) : null}
      {confirming ? (
        <Dialog
          open
          size="small"
          title={`Delete the drafts among ${plural(selected.length, "selected item")}?`}
          onClose={() => setConfirming(false)}
          footer={
            <DialogActions
              label="Delete drafts"
              danger
              busy={busy}
              onConfirm={() => void apply()}
              onCancel={() => setConfirming(false)}
            />
          }
        >
          <p>
            Drafts are deleted with their revisions; this cannot be undone. Anything that is not a
            draft is left as it is and listed.
          </p>
        </Dialog>
      ) : null}
    </section>
  );
}

/** What a batch did: counts, and each refused article with why. */
export function BulkSummary({
  report,
  headline,
  onDismiss,
}: {
  report: BulkReport;
  headline: (id: string) => string;
  onDismiss: () => void;
}) {
  const refused = report.results.flatMap((r) => (r.outcome === "refused" ? [r] : []));
  const parts = [
    `${report.done} done`,
    report.unchanged ? `${report.unchanged} already so` : "",
    report.refused ? `${report.refused} refused` : "",
  ].filter(Boolean);
  return (
    <Notice
      kind={report.refused ? "warning" : "success"}
      title={`Bulk action: ${parts.join(", ")}`}
      live
    >
      {refused.length > 0 ? (
        <ul class="bulk-refusals">
          {refused.map((r) => (
            <li key={r.id}>
              <strong>{headline(r.id)}</strong>: {r.error.message}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" class="link-button" onClick={onDismiss}>
        Dismiss
      </button>
    </Notice>
  );
}
