import { useEffect, useState } from "preact/hooks";
import type { ArticleStatus, Check, CheckOverride } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Notice } from "../components/notice.js";
import { formatDateTime, toLocalInput } from "../lib/format.js";
import { articles } from "../lib/resources.js";

/** Runs a transition; resolves with an error message to show, or null when it worked. */
export type Transition = (
  to: ArticleStatus,
  publishedAt?: string,
  overrides?: readonly CheckOverride[],
) => Promise<string | null>;

/** A warning's override as the dialog edits it. */
type OverrideDraft = { on: boolean; reason: string };

/**
 * The pre-publish checklist: every check, errors first. An error blocks; each warning offers an
 * override with a reason, which is recorded with the publication.
 */
function Checklist({
  checks,
  overrides,
  setOverride,
}: {
  checks: readonly Check[];
  overrides: Readonly<Record<string, OverrideDraft>>;
  setOverride: (id: string, draft: OverrideDraft) => void;
}) {
  if (checks.length === 0)
    return <p class="checklist-clear">Every check passes: nothing stands in the way.</p>;
  return (
    <ul class="checklist" aria-label="Pre-publish checklist">
      {checks.map((check) => {
        const draft = overrides[check.id] ?? { on: false, reason: "" };
        return (
          <li
            key={check.id}
            class={`checklist-item checklist-${check.level}`}
            data-check={check.id}
          >
            <span class="checklist-level">{check.level === "error" ? "Error" : "Warning"}</span>{" "}
            <span class="checklist-message">{check.message}</span>
            {check.level === "warning" ? (
              <div class="checklist-override">
                <label class="choice">
                  <input
                    type="checkbox"
                    checked={draft.on}
                    onChange={(e) =>
                      setOverride(check.id, { ...draft, on: e.currentTarget.checked })
                    }
                  />
                  <span>Override</span>
                </label>
                {draft.on ? (
                  <Field label="Reason" hint="Recorded in the article's history.">
                    {(ids) => (
                      <input
                        {...ids}
                        type="text"
                        maxLength={1000}
                        value={draft.reason}
                        onInput={(e) =>
                          setOverride(check.id, { ...draft, reason: e.currentTarget.value })
                        }
                      />
                    )}
                  </Field>
                ) : null}
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function PublishDialog({
  open,
  onClose,
  transition,
  scheduledFor,
  articleId,
}: {
  open: boolean;
  onClose: () => void;
  transition: Transition;
  scheduledFor: string | null;
  articleId: string | undefined;
}) {
  const [when, setWhen] = useState<"now" | "later">("now");
  const [at, setAt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [checks, setChecks] = useState<Check[] | null>(null);
  const [overrides, setOverrides] = useState<Record<string, OverrideDraft>>({});
  useEffect(() => {
    if (!open) return;
    const inAnHour = new Date(Date.now() + 3_600_000);
    inAnHour.setMinutes(0, 0, 0);
    setWhen(scheduledFor ? "later" : "now");
    setAt(toLocalInput(scheduledFor ? new Date(scheduledFor) : inAnHour));
    setError(null);
    setChecks(null);
    setOverrides({});
    if (!articleId) {
      setChecks([]);
      return;
    }
    let live = true;
    articles.checklist(articleId).then(
      (reply) => live && setChecks(reply.checks),
      // The server still applies the checklist; the dialog only cannot show it beforehand.
      () => live && setChecks([]),
    );
    return () => {
      live = false;
    };
  }, [open, scheduledFor, articleId]);
  const errors = (checks ?? []).filter((c) => c.level === "error");
  const unresolved = (checks ?? []).filter(
    (c) => c.level === "warning" && !(overrides[c.id]?.on && overrides[c.id]?.reason.trim()),
  );
  const blocked = checks === null || errors.length > 0 || unresolved.length > 0;
  const submit = async () => {
    setError(null);
    if (errors.length > 0) return setError("Fix the errors in the checklist first.");
    if (unresolved.length > 0)
      return setError("Override each warning with a reason, or fix it first.");
    let publishedAt: string | undefined;
    if (when === "later") {
      const time = new Date(at);
      if (!at || Number.isNaN(time.getTime()))
        return setError("Choose the date and time to publish at.");
      if (time.getTime() <= Date.now())
        return setError("Choose a time in the future, or publish now.");
      publishedAt = time.toISOString();
    }
    setBusy(true);
    const accepted = (checks ?? []).flatMap((c) =>
      c.level === "warning" && overrides[c.id]?.on
        ? [{ check: c.id, reason: overrides[c.id]?.reason.trim() ?? "" }]
        : [],
    );
    const problem = await transition(
      when === "now" ? "published" : "scheduled",
      publishedAt,
      accepted,
    );
    setBusy(false);
    if (problem) setError(problem);
    else onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={onClose}
      size="small"
      title={scheduledFor ? "Change the schedule" : "Publish"}
      footer={
        <DialogActions
          form="publish-form"
          label={when === "now" ? "Publish now" : "Schedule"}
          busyLabel="Working…"
          busy={busy}
          disabled={blocked}
          onCancel={onClose}
        />
      }
    >
      <form
        id="publish-form"
        class="form"
        // Checked below with a clear message (the browser's own check rejects times with seconds).
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {error ? (
          <Notice kind="error" live>
            {error}
          </Notice>
        ) : null}
        <fieldset class="fieldset choice-list">
          <legend>When should readers see it?</legend>
          <label class="choice">
            <input
              type="radio"
              name="when"
              value="now"
              checked={when === "now"}
              onChange={() => setWhen("now")}
            />
            <span>
              <strong>Now</strong>
              <span class="choice-hint">It appears on the site at once.</span>
            </span>
          </label>
          <label class="choice">
            <input
              type="radio"
              name="when"
              value="later"
              checked={when === "later"}
              onChange={() => setWhen("later")}
            />
            <span>
              <strong>At a set time</strong>
              <span class="choice-hint">Masthead publishes it then, even after a restart.</span>
            </span>
          </label>
        </fieldset>
        <fieldset class="fieldset">
          <legend>Before readers see it</legend>
          {checks === null ? (
            <p>Checking the article…</p>
          ) : (
            <Checklist
              checks={checks}
              overrides={overrides}
              setOverride={(id, draft) => setOverrides((all) => ({ ...all, [id]: draft }))}
            />
          )}
        </fieldset>
        {when === "later" ? (
          <Field
            label="Publish at"
            hint={`Your local time (${Intl.DateTimeFormat().resolvedOptions().timeZone}).`}
          >
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                value={at}
                step={60}
                onInput={(e) => setAt(e.currentTarget.value)}
              />
            )}
          </Field>
        ) : null}
      </form>
    </Dialog>
  );
}

function ConfirmDialog({
  open,
  title,
  body,
  confirm,
  danger,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
  onClose: () => void;
  onConfirm: () => Promise<string | null>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setError(null), [open]);
  return (
    <Dialog
      open={open}
      title={title}
      size="small"
      onClose={onClose}
      footer={
        <DialogActions
          label={confirm}
          danger={danger}
          busy={busy}
          onCancel={onClose}
          onConfirm={async () => {
            setBusy(true);
            const problem = await onConfirm();
            setBusy(false);
            if (problem) setError(problem);
            else onClose();
          }}
        />
      }
    >
      {error ? (
        <Notice kind="error" live>
          {error}
        </Notice>
      ) : null}
      <p>{body}</p>
    </Dialog>
  );
}

export { ConfirmDialog };

/**
 * The workflow buttons the signed-in person may use on this article, from the transitions the
 * API says are allowed: a contributor sees "Submit for review", never a publish button.
 */
export function PublishControls({
  articleId,
  status,
  publishedAt,
  allowed,
  transition,
  disabled,
}: {
  /** The saved article's id (none before the first save): the checklist is read for it. */
  articleId?: string;
  status: ArticleStatus;
  publishedAt: string | null;
  /** The statuses the API lets this person move the article to. */
  allowed: readonly ArticleStatus[];
  transition: Transition;
  disabled: boolean;
}) {
  const [dialog, setDialog] = useState<"publish" | "unpublish" | "draft" | null>(null);
  const [busy, setBusy] = useState(false);
  const mayPublish = allowed.includes("published") || allowed.includes("scheduled");
  const simple = async (to: ArticleStatus) => {
    setBusy(true);
    await transition(to);
    setBusy(false);
  };
  const buttons = [];
  if (allowed.includes("in_review"))
    buttons.push(
      <button
        key="review"
        type="button"
        class={`button ${mayPublish ? "" : "button-primary"}`}
        disabled={disabled || busy}
        onClick={() => simple("in_review")}
      >
        Submit for review
      </button>,
    );
  if (status === "in_review" && allowed.includes("draft"))
    buttons.push(
      <button
        key="draft"
        type="button"
        class="button"
        disabled={disabled || busy}
        onClick={() => simple("draft")}
      >
        {mayPublish ? "Return to draft" : "Withdraw from review"}
      </button>,
    );
  if (status === "scheduled" && allowed.includes("draft"))
    buttons.push(
      <button
        key="unschedule"
        type="button"
        class="button"
        disabled={disabled || busy}
        onClick={() => setDialog("draft")}
      >
        Unschedule
      </button>,
    );
  if (mayPublish && status !== "published")
    buttons.push(
      <button
        key="publish"
        type="button"
        class="button button-primary"
        disabled={disabled || busy}
        onClick={() => setDialog("publish")}
      >
        {status === "scheduled" ? "Reschedule…" : "Publish…"}
      </button>,
    );
  if (status === "published" && allowed.includes("unpublished"))
    buttons.push(
      <button
        key="unpublish"
        type="button"
        class="button button-danger-quiet"
        disabled={disabled || busy}
        onClick={() => setDialog("unpublish")}
      >
        Unpublish
      </button>,
    );
  if (status === "unpublished" && allowed.includes("draft"))
    buttons.push(
      <button
        key="redraft"
        type="button"
        class="button"
        disabled={disabled || busy}
        onClick={() => simple("draft")}
      >
        Back to draft
      </button>,
    );
  return (
    <>
      {buttons}
      <PublishDialog
        open={dialog === "publish"}
        onClose={() => setDialog(null)}
        transition={transition}
        scheduledFor={status === "scheduled" ? publishedAt : null}
        articleId={articleId}
      />
      <ConfirmDialog
        open={dialog === "unpublish"}
        title="Unpublish this article?"
        body="Readers will no longer find it; its address answers “not found” until it is published again."
        confirm="Unpublish"
        danger
        onClose={() => setDialog(null)}
        onConfirm={() => transition("unpublished")}
      />
      <ConfirmDialog
        open={dialog === "draft"}
        title="Unschedule this article?"
        body={
          publishedAt
            ? `It will not be published at ${formatDateTime(publishedAt)}; it goes back to draft.`
            : "It goes back to draft."
        }
        confirm="Unschedule"
        onClose={() => setDialog(null)}
        onConfirm={() => transition("draft")}
      />
    </>
  );
}
