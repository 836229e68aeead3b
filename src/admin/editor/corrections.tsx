import { useState } from "preact/hooks";
import { CORRECTION_KINDS, CORRECTION_LABELS, type CorrectionKind } from "../../content/index.js";
import { Field } from "../components/field.js";
import { Notice } from "../components/notice.js";
import { formatDateTime } from "../lib/format.js";
import { articles } from "../lib/resources.js";
import type { Correction } from "../lib/types.js";
import { useSubmit } from "../lib/use-submit.js";

/** Update and correction notes of a published article: the list readers see, and a form. */
export function CorrectionsPanel({
  articleId,
  notes,
  mayAdd,
  onAdded,
}: {
  articleId: string;
  notes: readonly Correction[];
  mayAdd: boolean;
  onAdded: (note: Correction) => void;
}) {
  const [kind, setKind] = useState<CorrectionKind>("update");
  const [note, setNote] = useState("");
  const form = useSubmit();
  const { busy } = form;
  const error = form.problem?.message ?? null;
  return (
    <section class="side-section" aria-labelledby="notes-heading">
      <h2 class="side-heading" id="notes-heading">
        Updates and corrections
      </h2>
      {notes.length === 0 ? (
        <p class="field-hint">None yet. Notes appear on the article with their time.</p>
      ) : null}
      <ul class="notes">
        {notes.map((n) => (
          <li key={n.id} class="note">
            <span class={`note-kind note-${n.kind}`}>{CORRECTION_LABELS[n.kind]}</span>{" "}
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
            <p>{n.note}</p>
          </li>
        ))}
      </ul>
      {mayAdd ? (
        <form
          class="form"
          onSubmit={(e) => {
            if (!note.trim()) {
              e.preventDefault();
              return form.setProblem({ message: "Write the note first.", issues: [] });
            }
            form.onSubmit(async () => {
              onAdded(await articles.correct(articleId, kind, note.trim()));
              setNote("");
            })(e);
          }}
        >
          {error ? (
            <Notice kind="error" live>
              {error}
            </Notice>
          ) : null}
          <fieldset class="fieldset choice-row">
            <legend>Kind of note</legend>
            {CORRECTION_KINDS.map((k) => (
              <label key={k} class="choice-inline">
                <input
                  type="radio"
                  name="note-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                />
                {CORRECTION_LABELS[k]}
              </label>
            ))}
          </fieldset>
          <Field
            label="Note"
            hint={
              kind === "correction"
                ? "Say what was wrong and what is right."
                : "Say what is new since publication."
            }
          >
            {(ids) => (
              <textarea
                {...ids}
                rows={3}
                value={note}
                onInput={(e) => setNote(e.currentTarget.value)}
              />
            )}
          </Field>
          <button type="submit" class="button button-small" disabled={busy}>
            {busy ? "Adding…" : `Add ${CORRECTION_LABELS[kind].toLowerCase()}`}
          </button>
        </form>
      ) : null}
    </section>
  );
}
