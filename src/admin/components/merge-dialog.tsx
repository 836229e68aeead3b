// The one dialog for merging or deleting a tag, person, section or tracker: it shows how many
// articles will change, asks where they go, and says what the old public page will do. The rules
// (which deletions need a destination) are the server's; its 422 message is shown as it comes.
import { useEffect, useState } from "preact/hooks";
import { api } from "../lib/api.js";
import { formProblem } from "../lib/errors.js";
import { refreshReference } from "../lib/reference.js";
import { useSubmit } from "../lib/use-submit.js";
import { Dialog, DialogActions } from "./dialog.js";
import { Field } from "./field.js";
import { ProblemNotice } from "./notice.js";

/** What can be merged or deleted, by the admin API's path segment. */
export type MergeKind = "tags" | "people" | "sections" | "trackers";

/** One of them, as the dialog names it. */
export interface MergeItem {
  id: string;
  name: string;
}

const NOUN: Record<MergeKind, string> = {
  tags: "tag",
  people: "person",
  sections: "section",
  trackers: "tracker",
};

/** What happens to articles without a destination, per kind, as the delete dialog says it. */
const WITHOUT_DESTINATION: Record<MergeKind, string> = {
  tags: "They just lose this tag.",
  people:
    "Articles they wrote with others only lose them from the byline; articles they wrote alone need someone to take them over.",
  sections: "Every article needs a section: choose where they go.",
  trackers: "Tracker blocks showing it are removed from those articles.",
};

const articlesText = (n: number) => (n === 1 ? "1 article" : `${n} articles`);

/**
 * Merges `item` into another of `choices` (mode "merge") or deletes it, with an optional (or,
 * for a section in use, required) destination. Calls `onDone` after success.
 */
export function MergeDialog({
  kind,
  mode,
  item,
  choices,
  onClose,
  onDone,
}: {
  kind: MergeKind;
  mode: "merge" | "delete";
  item: MergeItem;
  choices: MergeItem[];
  onClose: () => void;
  onDone?: () => void;
}) {
  const noun = NOUN[kind];
  const [used, setUsed] = useState<number | null>(null);
  const [destination, setDestination] = useState("");
  const form = useSubmit();
  const { busy, problem, setProblem } = form;
  useEffect(() => {
    api<{ articles: number }>("GET", `/${kind}/${item.id}/usage`).then(
      (r) => setUsed(r.articles),
      (error) => setProblem(formProblem(error)),
    );
  }, [kind, item.id]);
  const others = choices.filter((c) => c.id !== item.id);
  const required = mode === "merge" || (kind === "sections" && (used ?? 0) > 0);
  const title = mode === "merge" ? `Merge ${item.name} into…` : `Delete ${item.name}`;
  return (
    <Dialog
      open
      size="small"
      title={title}
      onClose={onClose}
      footer={
        <DialogActions
          form="merge-form"
          label={mode === "merge" ? "Merge" : "Delete"}
          busyLabel="Working…"
          danger={mode === "delete"}
          busy={busy}
          disabled={used === null || (required && !destination)}
          onCancel={onClose}
        />
      }
    >
      <form
        id="merge-form"
        class="form"
        onSubmit={form.onSubmit(
          async () => {
            const done =
              mode === "merge"
                ? await api<{ articlesChanged: number }>("POST", `/${kind}/${item.id}/merge`, {
                    into: destination,
                  })
                : await api<{ articlesChanged: number }>(
                    "DELETE",
                    `/${kind}/${item.id}${destination ? `?moveTo=${encodeURIComponent(destination)}` : ""}`,
                  );
            await refreshReference();
            onDone?.();
            onClose();
            return done.articlesChanged;
          },
          (changed) =>
            `${item.name} ${mode === "merge" ? "merged" : "deleted"}; ${articlesText(changed)} changed.`,
        )}
      >
        <ProblemNotice problem={problem} />
        <p role="status" class="merge-usage">
          {used === null
            ? "Counting the articles…"
            : `${articlesText(used)} ${used === 1 ? "uses" : "use"} this ${noun}.`}
        </p>
        {mode === "delete" && !required && used ? <p>{WITHOUT_DESTINATION[kind]}</p> : null}
        <Field
          label={mode === "merge" ? `Merge into` : `Move its articles to`}
          optional={!required}
          hint={
            mode === "merge"
              ? `Its articles move there and its page redirects there; ${item.name} is deleted.`
              : `Its public page will ${destination ? "redirect there" : "answer “gone”"}.`
          }
        >
          {(ids) => (
            <select
              {...ids}
              value={destination}
              onChange={(e) => setDestination(e.currentTarget.value)}
            >
              <option value="">{required ? `Choose a ${noun}…` : "Nowhere"}</option>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </form>
    </Dialog>
  );
}

/** A row's Merge and Delete buttons, each opening the dialog for `item`. */
export function MergeActions({
  kind,
  item,
  choices,
}: {
  kind: MergeKind;
  item: MergeItem;
  choices: MergeItem[];
}) {
  const [mode, setMode] = useState<"merge" | "delete" | null>(null);
  return (
    <>
      <button
        type="button"
        class="button button-small"
        aria-label={`Merge ${item.name}`}
        disabled={choices.length < 2}
        onClick={() => setMode("merge")}
      >
        Merge
      </button>
      <button
        type="button"
        class="button button-small button-danger-quiet"
        aria-label={`Delete ${item.name}`}
        onClick={() => setMode("delete")}
      >
        Delete
      </button>
      {mode ? (
        <MergeDialog
          kind={kind}
          mode={mode}
          item={item}
          choices={choices}
          onClose={() => setMode(null)}
        />
      ) : null}
    </>
  );
}
