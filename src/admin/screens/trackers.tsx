import { useState } from "preact/hooks";
import { can, plain, slugify, type Tracker, type TrackerEntryInput } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { MergeActions } from "../components/merge-dialog.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { formatDate, plural } from "../lib/format.js";
import { refreshReference, useReference } from "../lib/reference.js";
import { trackers } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

const EMPTY_ENTRY = { title: "", summary: "", occurredOn: "", sourceName: "", sourceUrl: "" };

function NewTrackerDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const form = useSubmit();
  const { busy, problem } = form;
  return (
    <Dialog
      open
      title="New tracker"
      description="A growing list with its own page (for example every pardon granted this term). Articles link to it with a tracker block."
      onClose={onClose}
      footer={
        <DialogActions form="tracker-form" label="Create tracker" busy={busy} onCancel={onClose} />
      }
    >
      <form
        id="tracker-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          await trackers.create({
            title,
            slug: slugify(title),
            description: description.trim() ? plain(description.trim()) : [],
          });
          await refreshReference();
          onClose();
        }, "Tracker created.")}
      >
        <ProblemNotice problem={problem} />
        <Field
          label="Title"
          hint={title ? `/trackers/${slugify(title)}` : undefined}
          error={form.issue("title") ?? form.issue("slug")}
        >
          {(ids) => (
            <input {...ids} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Description" optional error={form.issue("description")}>
          {(ids) => (
            <textarea
              {...ids}
              rows={3}
              value={description}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          )}
        </Field>
      </form>
    </Dialog>
  );
}

function TrackerDialog({
  id,
  mayManage,
  onClose,
}: {
  id: string;
  mayManage: boolean;
  onClose: () => void;
}) {
  const tracker = useResource<Tracker>(() => trackers.get(id), [id]);
  const [entry, setEntry] = useState(EMPTY_ENTRY);
  const form = useSubmit();
  const { busy, problem } = form;
  const t = tracker.data;
  const add = () =>
    form.run(async () => {
      const input: TrackerEntryInput = {
        title: entry.title,
        summary: entry.summary,
        occurredOn: entry.occurredOn || null,
        sourceName: entry.sourceName,
        ...(entry.sourceUrl.trim() ? { sourceUrl: entry.sourceUrl.trim() } : {}),
      };
      await trackers.addEntry(id, input);
      setEntry(EMPTY_ENTRY);
      await tracker.reload();
      void refreshReference();
    }, "Entry added.");
  return (
    <Dialog open size="large" title={t?.title ?? "Tracker"} onClose={onClose}>
      {tracker.error ? <Notice kind="error">{tracker.error.message}</Notice> : null}
      {!t ? (
        <p class="loading" role="status">
          Loading…
        </p>
      ) : (
        <>
          <p class="field-hint">
            <a href={`/trackers/${t.slug}`} target="_blank" rel="noopener">
              /trackers/{t.slug}
            </a>{" "}
            · {plural(t.entries.length, "entry", "entries")}
          </p>
          {t.entries.length > 0 ? (
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Entry</th>
                  <th scope="col">Date</th>
                  <th scope="col">Source</th>
                  {mayManage ? (
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {t.entries.map((e) => (
                  <tr key={e.id}>
                    <td class="cell-title">
                      {e.title}
                      {e.summary ? <span class="cell-sub">{e.summary}</span> : null}
                    </td>
                    <td>{e.occurredOn ? formatDate(e.occurredOn) : "—"}</td>
                    <td>
                      {e.sourceUrl ? (
                        <a href={e.sourceUrl}>{e.sourceName || e.sourceUrl}</a>
                      ) : (
                        e.sourceName || "—"
                      )}
                    </td>
                    {mayManage ? (
                      <td>
                        <button
                          type="button"
                          class="icon-button icon-button-danger"
                          aria-label={`Delete entry ${e.title}`}
                          onClick={async () => {
                            if (!window.confirm(`Delete “${e.title}”?`)) return;
                            await trackers.removeEntry(id, e.id);
                            await tracker.reload();
                            void refreshReference();
                          }}
                        >
                          <Icon name="trash" size={16} />
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>No entries yet.</p>
          )}
          {mayManage ? (
            <form
              class="form tracker-entry-form"
              onSubmit={(e) => {
                e.preventDefault();
                void add();
              }}
            >
              <h3>Add an entry</h3>
              <ProblemNotice problem={problem} />
              <div class="form-grid">
                <Field label="Title" error={form.issue("title")}>
                  {(ids) => (
                    <input
                      {...ids}
                      value={entry.title}
                      onInput={(e) => setEntry({ ...entry, title: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label="Date" optional error={form.issue("occurredOn")}>
                  {(ids) => (
                    <input
                      {...ids}
                      type="date"
                      value={entry.occurredOn}
                      onInput={(e) => setEntry({ ...entry, occurredOn: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label="Source" optional error={form.issue("sourceName")}>
                  {(ids) => (
                    <input
                      {...ids}
                      value={entry.sourceName}
                      onInput={(e) => setEntry({ ...entry, sourceName: e.currentTarget.value })}
                    />
                  )}
                </Field>
                <Field label="Source link" optional error={form.issue("sourceUrl")}>
                  {(ids) => (
                    <input
                      {...ids}
                      type="url"
                      value={entry.sourceUrl}
                      onInput={(e) => setEntry({ ...entry, sourceUrl: e.currentTarget.value })}
                    />
                  )}
                </Field>
              </div>
              <Field label="Summary" optional error={form.issue("summary")}>
                {(ids) => (
                  <textarea
                    {...ids}
                    rows={2}
                    value={entry.summary}
                    onInput={(e) => setEntry({ ...entry, summary: e.currentTarget.value })}
                  />
                )}
              </Field>
              <button type="submit" class="button button-primary" disabled={busy}>
                Add entry
              </button>
            </form>
          ) : null}
        </>
      )}
    </Dialog>
  );
}

/** Trackers: growing data lists with their own pages, linked from articles. */
export function TrackersScreen({ user }: { user: SessionUser }) {
  useTitle("Trackers");
  const ref = useReference();
  const mayManage = can(user.role, "trackers.manage");
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="Trackers"
        intro="Growing lists of facts, each with its own page; articles link to them."
        actions={
          mayManage ? (
            <button type="button" class="button button-primary" onClick={() => setCreating(true)}>
              <Icon name="plus" />
              New tracker
            </button>
          ) : undefined
        }
      />
      {!ref.loaded ? (
        <p class="loading" role="status">
          Loading trackers…
        </p>
      ) : ref.trackers.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No trackers yet</p>
        </div>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Tracker</th>
              <th scope="col">Entries</th>
              <th scope="col">Page</th>
              {mayManage ? (
                <th scope="col">
                  <span class="visually-hidden">Merge or delete</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {ref.trackers.map((t) => (
              <tr key={t.id}>
                <td class="cell-title">
                  <button type="button" class="link-button" onClick={() => setOpen(t.id)}>
                    {t.title}
                  </button>
                </td>
                <td>{t.entryCount}</td>
                <td>
                  <a href={`/trackers/${t.slug}`} target="_blank" rel="noopener">
                    /trackers/{t.slug}
                  </a>
                </td>
                {mayManage ? (
                  <td class="row-actions">
                    <MergeActions
                      kind="trackers"
                      item={{ id: t.id, name: t.title }}
                      choices={ref.trackers.map((o) => ({ id: o.id, name: o.title }))}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open ? (
        <TrackerDialog id={open} mayManage={mayManage} onClose={() => setOpen(null)} />
      ) : null}
      {creating ? <NewTrackerDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
