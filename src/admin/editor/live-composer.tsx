// The live article's composer, in the editor's side column: post a timestamped update (its text,
// author and time, pinned or not), pin, edit and delete updates, end or reopen the coverage. Each
// action is one call to the live coverage endpoints (docs/ADMIN_API.md, "Live coverage"); readers'
// open pages get the change at once. The text is a small rich editor (live-update-text.tsx) whose
// blocks are the body's.
import { useEffect, useRef, useState } from "preact/hooks";
import type { Block, LiveCoverage, LiveUpdate } from "../../content/index.js";
import { inlineText } from "../../content/index.js";
import { Field } from "../components/field.js";
import { Notice } from "../components/notice.js";
import { ApiError, api } from "../lib/api.js";
import { formatDateTime } from "../lib/format.js";
import type { AdminPerson } from "../lib/types.js";
import { fitsComposer, LiveUpdateText, type UpdateText } from "./live-update-text.js";

/** A short plain-text line for an update in the list: its words, or how many blocks it holds. */
function preview(body: readonly Block[]): string {
  const words = body
    .flatMap((b) =>
      b.type === "paragraph" || b.type === "heading" || b.type === "pullquote" || b.type === "quote"
        ? [inlineText(b.content)]
        : b.type === "list"
          ? b.items.map(inlineText)
          : [],
    )
    .join(" ")
    .trim();
  return words !== "" ? words : `${body.length} ${body.length === 1 ? "block" : "blocks"}`;
}

const base = (articleId: string) => `/articles/${articleId}`;

/** The value a datetime-local input shows for an ISO time, in the browser's zone. */
function localInput(iso: string): string {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** The composer and list of a live article's updates. */
export function LiveComposer({
  articleId,
  people,
  personId,
  mayPost,
}: {
  articleId: string;
  people: readonly AdminPerson[];
  /** The signed-in account's byline person: the default author. */
  personId: string | null;
  mayPost: boolean;
}) {
  const [updates, setUpdates] = useState<LiveUpdate[] | null>(null);
  const [coverage, setCoverage] = useState<LiveCoverage | null>(null);
  // The editor's text, once it exists (a ref: the editor outlives renders).
  const text = useRef<UpdateText | null>(null);
  const [authorId, setAuthorId] = useState<string>(personId ?? "");
  const [postedAt, setPostedAt] = useState("");
  const [pinned, setPinned] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    const r = await api<{ items: LiveUpdate[]; coverage: LiveCoverage }>(
      "GET",
      `${base(articleId)}/live-updates`,
    );
    setUpdates(r.items);
    setCoverage(r.coverage);
  };
  useEffect(() => {
    load().catch(() => setError("The live updates could not be loaded. Reload to try again."));
  }, [articleId]);

  /** Runs one call, shows its refusal, reloads the list after. */
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await load();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "That did not work. Try again.");
      return false;
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    text.current?.clear();
    setPostedAt("");
    setPinned(false);
    setEditing(null);
    setAuthorId(personId ?? "");
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = text.current?.blocks() ?? [];
    if (body.length === 0) return setError("Write the update first.");
    const fields = {
      body,
      authorId: authorId || null,
      pinned,
      ...(postedAt ? { postedAt: new Date(postedAt).toISOString() } : {}),
    };
    const done = await act(() =>
      editing
        ? api("PATCH", `${base(articleId)}/live-updates/${editing}`, fields)
        : api("POST", `${base(articleId)}/live-updates`, fields),
    );
    if (done) reset();
  };

  const ended = coverage?.endedAt != null;
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? "No byline";

  return (
    <section class="side-section live-composer" aria-labelledby="live-heading">
      <h2 class="side-heading" id="live-heading">
        Live updates
      </h2>
      {error ? (
        <Notice kind="error" live>
          {error}
        </Notice>
      ) : null}
      {ended ? (
        <p class="field-hint">
          Coverage ended {formatDateTime(coverage?.endedAt as string)}. Reopen it to post again.
        </p>
      ) : null}
      {mayPost && !ended ? (
        <form
          class="form"
          onSubmit={submit}
          aria-label={editing ? "Edit a live update" : "Post a live update"}
        >
          <LiveUpdateText
            label={editing ? "Edit update" : "New update"}
            onReady={(t) => {
              text.current = t;
            }}
          />
          <Field label="Author">
            {(ids) => (
              <select
                {...ids}
                value={authorId}
                onChange={(e) => setAuthorId(e.currentTarget.value)}
              >
                <option value="">No byline</option>
                {people.map((p) => (
                  <option value={p.id} key={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Time" optional hint="Leave empty for now.">
            {(ids) => (
              <input
                {...ids}
                type="datetime-local"
                value={postedAt}
                onInput={(e) => setPostedAt(e.currentTarget.value)}
              />
            )}
          </Field>
          <label class="choice-inline">
            <input
              type="checkbox"
              checked={pinned}
              onChange={(e) => setPinned(e.currentTarget.checked)}
            />
            Key update (pinned on top)
          </label>
          <div class="button-row">
            <button type="submit" class="button button-small" disabled={busy}>
              {editing ? "Save update" : "Post update"}
            </button>
            {editing ? (
              <button type="button" class="button button-quiet button-small" onClick={reset}>
                Cancel
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {updates === null ? (
        <p class="field-hint">Loading…</p>
      ) : updates.length === 0 ? (
        <p class="field-hint">No updates yet. They appear on the article newest first.</p>
      ) : (
        <ol class="live-composer-list">
          {updates.map((u) => {
            return (
              <li key={u.id} class="note">
                <p class="field-hint">
                  <time dateTime={u.postedAt}>{formatDateTime(u.postedAt)}</time> ·{" "}
                  {nameOf(u.authorId)}
                  {u.pinned ? " · Key update" : ""}
                </p>
                <p>{preview(u.body)}</p>
                {mayPost && !ended ? (
                  <div class="button-row">
                    <button
                      type="button"
                      class="button button-quiet button-small"
                      disabled={busy}
                      onClick={() =>
                        act(() =>
                          api("PATCH", `${base(articleId)}/live-updates/${u.id}`, {
                            pinned: !u.pinned,
                          }),
                        )
                      }
                    >
                      {u.pinned ? "Unpin" : "Pin"}
                    </button>
                    {fitsComposer(u.body) ? (
                      <button
                        type="button"
                        class="button button-quiet button-small"
                        disabled={busy}
                        onClick={() => {
                          setEditing(u.id);
                          text.current?.load(u.body);
                          setAuthorId(u.authorId ?? "");
                          setPostedAt(localInput(u.postedAt));
                          setPinned(u.pinned);
                        }}
                      >
                        Edit
                      </button>
                    ) : null}
                    <button
                      type="button"
                      class="button button-danger-quiet button-small"
                      disabled={busy}
                      onClick={() => {
                        if (window.confirm("Delete this update? Readers will no longer see it."))
                          act(() => api("DELETE", `${base(articleId)}/live-updates/${u.id}`));
                      }}
                    >
                      Delete
                    </button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {mayPost && coverage ? (
        <button
          type="button"
          class="button button-quiet button-small"
          disabled={busy}
          onClick={() =>
            act(() => api("PUT", `${base(articleId)}/live-coverage`, { ended: !ended }))
          }
        >
          {ended ? "Reopen coverage" : "End coverage"}
        </button>
      ) : null}
    </section>
  );
}
