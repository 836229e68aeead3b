// Newsletter subscribers (issue 15): search and filter, add one (pending with a confirmation
// message, or confirmed with a stated reason), import a CSV (a dry run's report first, then the
// import), export, see one's record of consent, change newsletters or status, erase on request.
import { useState } from "preact/hooks";
import {
  can,
  type Newsletter,
  SUBSCRIBER_STATUSES,
  type Subscriber,
  type SubscriberConsent,
  type SubscriberImportReport,
  type SubscriberStatus,
} from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { PageHeader } from "../components/shell.js";
import { API_BASE, api, query } from "../lib/api.js";
import { formProblem } from "../lib/errors.js";
import { formatDateTime } from "../lib/format.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

const PAGE_SIZE = 50;

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  pending: "Pending",
  confirmed: "Confirmed",
  unsubscribed: "Unsubscribed",
};

const ACTION_LABELS: Record<SubscriberConsent["action"], string> = {
  subscribe: "Subscribed",
  confirm: "Confirmed",
  preferences: "Changed preferences",
  unsubscribe: "Unsubscribed",
  import: "Imported",
  admin: "Changed by an editor",
};

const FORM_LABELS: Record<SubscriberConsent["form"], string> = {
  article: "the form under an article",
  home: "the front page's form",
  "newsletter-page": "the newsletters page",
  "confirm-page": "the confirmation page",
  preferences: "the preferences page",
  "unsubscribe-page": "a message's unsubscribe link",
  "one-click": "one-click unsubscribe in a mail program",
  import: "a CSV import",
  admin: "the admin",
};

const names = (ids: readonly string[], newsletters: readonly Newsletter[]) =>
  ids.map((id) => newsletters.find((n) => n.id === id)?.name ?? "a deleted newsletter").join(", ");

/** Checkboxes for the newsletters, as a fieldset. */
function NewsletterChoices({
  newsletters,
  chosen,
  onChange,
  error,
}: {
  newsletters: readonly Newsletter[];
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | null;
}) {
  return (
    <fieldset class="field">
      <legend class="field-label">Newsletters</legend>
      {error ? <p class="field-error">{error}</p> : null}
      {newsletters.map((n) => (
        <label class="choice-inline" key={n.id}>
          <input
            type="checkbox"
            checked={chosen.includes(n.id)}
            onChange={(e) =>
              onChange(
                e.currentTarget.checked ? [...chosen, n.id] : chosen.filter((id) => id !== n.id),
              )
            }
          />{" "}
          {n.name}
          {n.active ? "" : " (inactive)"}
        </label>
      ))}
    </fieldset>
  );
}

/** Adds one subscriber. */
function AddDialog({
  newsletters,
  onClose,
  onAdded,
}: {
  newsletters: readonly Newsletter[];
  onClose: () => void;
  onAdded: () => void;
}) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<string[]>(
    newsletters
      .filter((n) => n.active)
      .slice(0, 1)
      .map((n) => n.id),
  );
  const [confirmed, setConfirmed] = useState(false);
  const [note, setNote] = useState("");
  const form = useSubmit();
  return (
    <Dialog
      open
      size="small"
      title="Add a subscriber"
      onClose={onClose}
      footer={
        <DialogActions
          form="subscriber-form"
          label="Add"
          busyLabel="Adding…"
          busy={form.busy}
          onCancel={onClose}
        />
      }
    >
      <form
        id="subscriber-form"
        class="form"
        onSubmit={form.onSubmit(
          async () => {
            await api("POST", "/subscribers", {
              email,
              ...(name.trim() ? { name } : {}),
              newsletterIds: chosen,
              confirmed,
              ...(confirmed ? { consentNote: note } : {}),
            });
            onAdded();
            onClose();
          },
          confirmed ? "Subscriber added." : "Subscriber added; a confirmation message is queued.",
        )}
      >
        <ProblemNotice problem={form.problem} />
        <Field label="Email address" error={form.issue("email")}>
          {(ids) => (
            <input
              {...ids}
              type="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Name" optional error={form.issue("name")}>
          {(ids) => <input {...ids} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <NewsletterChoices
          newsletters={newsletters}
          chosen={chosen}
          onChange={setChosen}
          error={form.issue("newsletterIds")}
        />
        <label class="choice-inline">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />{" "}
          This person has already agreed (no confirmation message)
        </label>
        {confirmed ? (
          <Field
            label="How did they agree?"
            hint="Kept in their record of consent, e.g. “signed the sheet at the town fair, 12 May”"
            error={form.issue("consentNote")}
          >
            {(ids) => (
              <input {...ids} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
            )}
          </Field>
        ) : (
          <p class="hint">
            They get a message with a link to confirm; until then they get nothing.
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** Reads a CSV file, tries it (dry run), then imports it. */
function ImportDialog({
  newsletters,
  onClose,
  onImported,
}: {
  newsletters: readonly Newsletter[];
  onClose: () => void;
  onImported: () => void;
}) {
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [sendConfirmations, setSendConfirmations] = useState(false);
  const [report, setReport] = useState<SubscriberImportReport | null>(null);
  const form = useSubmit();
  const run = (dryRun: boolean) =>
    api<{ report: SubscriberImportReport }>("POST", "/subscribers/import", {
      csv,
      dryRun,
      newsletterIds: chosen,
      sendConfirmations,
    }).then((r) => r.report);
  const tried = report?.dryRun === true;
  return (
    <Dialog
      open
      title="Import subscribers"
      onClose={onClose}
      footer={
        <DialogActions
          label={tried ? "Import" : "Check the file"}
          busyLabel={tried ? "Importing…" : "Checking…"}
          busy={form.busy}
          disabled={csv === null}
          onCancel={onClose}
          onConfirm={() =>
            void form.run(
              async () => {
                const result = await run(!tried);
                setReport(result);
                if (!result.dryRun) {
                  onImported();
                  onClose();
                }
                return result;
              },
              (r) =>
                r.dryRun
                  ? undefined
                  : `Imported: ${r.added.confirmed + r.added.pending} added, ${r.updated} updated.`,
            )
          }
        />
      }
    >
      <ProblemNotice problem={form.problem} />
      <p>
        A CSV with a header row naming <code>email</code> and optionally <code>name</code>,{" "}
        <code>newsletters</code> (slugs separated by ;) and <code>consented_at</code>. Only rows
        with a <code>consented_at</code> date are confirmed; the others wait as pending.
      </p>
      <Field label="CSV file">
        {(ids) => (
          <input
            {...ids}
            type="file"
            accept=".csv,text/csv"
            onChange={async (e) => {
              const file = e.currentTarget.files?.[0];
              setReport(null);
              setCsv(file ? await file.text() : null);
              setFileName(file?.name ?? "");
            }}
          />
        )}
      </Field>
      <NewsletterChoices
        newsletters={newsletters}
        chosen={chosen}
        onChange={(ids) => {
          setChosen(ids);
          setReport(null);
        }}
      />
      <p class="hint">The newsletters above are given to rows that name none.</p>
      <label class="choice-inline">
        <input
          type="checkbox"
          checked={sendConfirmations}
          onChange={(e) => {
            setSendConfirmations(e.currentTarget.checked);
            setReport(null);
          }}
        />{" "}
        Send a confirmation message to each new pending subscriber
      </label>
      {report ? <ImportReport report={report} fileName={fileName} /> : null}
    </Dialog>
  );
}

/** What a dry run found. */
function ImportReport({ report, fileName }: { report: SubscriberImportReport; fileName: string }) {
  return (
    <section class="import-report" aria-live="polite" aria-label="Import check">
      <h3>{fileName || "The file"}: what the import would do</h3>
      <ul>
        <li>
          Add {report.added.confirmed} confirmed and {report.added.pending} pending subscribers
        </li>
        <li>
          Update {report.updated}; leave {report.unchanged} unchanged
        </li>
        <li>{report.duplicates} repeated addresses (the first row of each is kept)</li>
      </ul>
      {report.problems.length > 0 ? (
        <>
          <h4>Rows that will not be imported</h4>
          <ul>
            {report.problems.map((p) => (
              <li key={`${p.line}${p.message}`}>
                Line {p.line}: {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.skipped.length > 0 ? (
        <>
          <h4>Skipped</h4>
          <ul>
            {report.skipped.map((s) => (
              <li key={`${s.line}${s.email}`}>
                Line {s.line}, {s.email}: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {report.warnings.length > 0 ? (
        <>
          <h4>Warnings</h4>
          <ul>
            {report.warnings.map((w) => (
              <li key={`${w.line}${w.message}`}>
                Line {w.line}: {w.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** One subscriber: their newsletters and status to change, their record of consent, erasure. */
function DetailDialog({
  id,
  newsletters,
  onClose,
  onChanged,
}: {
  id: string;
  newsletters: readonly Newsletter[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useResource(
    () =>
      api<{ subscriber: Subscriber; consents: SubscriberConsent[] }>("GET", `/subscribers/${id}`),
    [id],
  );
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [status, setStatus] = useState<SubscriberStatus | null>(null);
  const [note, setNote] = useState("");
  const form = useSubmit();
  const s = detail.data?.subscriber;
  const erase = async () => {
    if (!s) return;
    if (
      !window.confirm(
        `Delete ${s.email} for good? Their subscriptions and record of consent are erased too.`,
      )
    )
      return;
    try {
      await api("DELETE", `/subscribers/${id}`);
      toast("Subscriber deleted.");
      onChanged();
      onClose();
    } catch (error) {
      toast(formProblem(error).message, "error");
    }
  };
  const nextStatus = status ?? s?.status;
  return (
    <Dialog
      open
      title={s ? s.email : "Subscriber"}
      onClose={onClose}
      footer={
        <DialogActions
          form="subscriber-change"
          label="Save"
          busyLabel="Saving…"
          busy={form.busy}
          onCancel={onClose}
          cancelLabel="Close"
        >
          {s ? (
            <button type="button" class="button button-danger-quiet" onClick={() => void erase()}>
              <Icon name="trash" />
              Delete
            </button>
          ) : null}
        </DialogActions>
      }
    >
      {detail.error ? (
        <Notice kind="error">The subscriber could not be loaded: {detail.error.message}</Notice>
      ) : !s || !detail.data ? (
        <p class="loading" role="status">
          Loading…
        </p>
      ) : (
        <>
          <form
            id="subscriber-change"
            class="form"
            onSubmit={form.onSubmit(async () => {
              await api("PATCH", `/subscribers/${id}`, {
                ...(chosen ? { newsletterIds: chosen } : {}),
                ...(status && status !== s.status ? { status } : {}),
                ...(note.trim() ? { consentNote: note } : {}),
              });
              await detail.reload();
              setChosen(null);
              setStatus(null);
              setNote("");
              onChanged();
            }, "Subscriber saved.")}
          >
            <ProblemNotice problem={form.problem} />
            <p>
              {s.name ? `${s.name} · ` : ""}
              {STATUS_LABELS[s.status]} · since {formatDateTime(s.createdAt)}
            </p>
            <NewsletterChoices
              newsletters={newsletters}
              chosen={chosen ?? s.newsletterIds}
              onChange={setChosen}
              error={form.issue("newsletterIds")}
            />
            <Field label="Status">
              {(ids) => (
                <select
                  {...ids}
                  value={nextStatus}
                  onChange={(e) => setStatus(e.currentTarget.value as SubscriberStatus)}
                >
                  {SUBSCRIBER_STATUSES.map((st) => (
                    <option key={st} value={st}>
                      {STATUS_LABELS[st]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {nextStatus === "confirmed" && s.status !== "confirmed" ? (
              <Field label="How did they agree?" error={form.issue("consentNote")}>
                {(ids) => (
                  <input {...ids} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
                )}
              </Field>
            ) : null}
          </form>
          <h3>Record of consent</h3>
          <ol class="consent-history">
            {detail.data.consents.map((c) => (
              <li key={c.id}>
                <strong>{ACTION_LABELS[c.action]}</strong> {formatDateTime(c.at)}, from{" "}
                {FORM_LABELS[c.form] ?? c.form}
                {c.newsletterIds.length > 0 ? `: ${names(c.newsletterIds, newsletters)}` : ""}
                {c.editionId ? " (from an edition's link)" : ""}
                {c.note ? ` — “${c.note}”` : ""}
              </li>
            ))}
          </ol>
        </>
      )}
    </Dialog>
  );
}

/** The subscribers of the publication's newsletters. */
export function SubscribersScreen({ user }: { user: SessionUser }) {
  useTitle("Subscribers");
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [newsletterId, setNewsletterId] = useState("");
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<"add" | "import" | { id: string } | null>(null);
  const newsletters = useResource(
    () => api<{ items: Newsletter[] }>("GET", "/newsletters").then((r) => r.items),
    [],
  );
  const list = useResource(
    () =>
      api<{ items: Subscriber[]; total: number }>(
        "GET",
        `/subscribers${query({
          q: q.trim() || undefined,
          status: status || undefined,
          newsletterId: newsletterId || undefined,
          limit: PAGE_SIZE,
          offset,
        })}`,
      ),
    [q, status, newsletterId, offset],
  );
  const confirmations = useSubmit();
  if (!can(user.role, "subscriber.manage"))
    return (
      <>
        <PageHeader title="Subscribers" />
        <Notice kind="error">Only editors and owners manage subscribers.</Notice>
      </>
    );
  const lists = newsletters.data ?? [];
  const reload = () => void list.reload();
  return (
    <>
      <PageHeader
        title="Subscribers"
        intro="Readers of the newsletters. They confirm their address before anything is sent, and each change is kept in their record of consent."
        actions={
          <>
            <button type="button" class="button button-primary" onClick={() => setDialog("add")}>
              <Icon name="plus" />
              Add subscriber
            </button>
            <button type="button" class="button" onClick={() => setDialog("import")}>
              Import CSV
            </button>
            <a class="button" href={`${API_BASE}/subscribers/export`} download>
              Export CSV
            </a>
            <button
              type="button"
              class="button"
              disabled={confirmations.busy}
              onClick={() =>
                void confirmations.run(
                  () => api<{ queued: number }>("POST", "/subscribers/send-confirmations"),
                  (r) => `${r.queued} confirmation messages queued.`,
                )
              }
            >
              Send confirmations to pending
            </button>
          </>
        }
      />
      <ProblemNotice problem={confirmations.problem} />
      <search class="filters" aria-label="Filter subscribers">
        <div class="filter filter-search">
          <label for="subscriber-search">Search subscribers</label>
          <span class="input-icon">
            <Icon name="search" />
            <input
              id="subscriber-search"
              type="search"
              placeholder="Address or name"
              value={q}
              onInput={(e) => {
                setQ(e.currentTarget.value);
                setOffset(0);
              }}
            />
          </span>
        </div>
        <div class="filter">
          <label for="subscriber-status">Status</label>
          <select
            id="subscriber-status"
            value={status}
            onChange={(e) => {
              setStatus(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">All statuses</option>
            {SUBSCRIBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="subscriber-newsletter">Newsletter</label>
          <select
            id="subscriber-newsletter"
            value={newsletterId}
            onChange={(e) => {
              setNewsletterId(e.currentTarget.value);
              setOffset(0);
            }}
          >
            <option value="">All newsletters</option>
            {lists.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
      </search>
      {list.error ? (
        <Notice kind="error">Subscribers could not be loaded: {list.error.message}</Notice>
      ) : !list.data ? (
        <p class="loading" role="status">
          Loading subscribers…
        </p>
      ) : list.data.items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">
            {q || status || newsletterId ? "No subscriber matches" : "No subscribers yet"}
          </p>
          <p>Readers subscribe from the site; you can also add or import them.</p>
        </div>
      ) : (
        <>
          <table class="table subscribers-table">
            <caption class="visually-hidden">Subscribers, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Address</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Newsletters</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => setDialog({ id: s.id })}
                    >
                      {s.email}
                    </button>
                  </td>
                  <td>{s.name ?? ""}</td>
                  <td>{STATUS_LABELS[s.status]}</td>
                  <td>{names(s.newsletterIds, lists)}</td>
                  <td>{formatDateTime(s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label="subscribers"
            offset={offset}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onOffset={setOffset}
          />
        </>
      )}
      {dialog === "add" ? (
        <AddDialog newsletters={lists} onClose={() => setDialog(null)} onAdded={reload} />
      ) : dialog === "import" ? (
        <ImportDialog newsletters={lists} onClose={() => setDialog(null)} onImported={reload} />
      ) : dialog ? (
        <DetailDialog
          key={dialog.id}
          id={dialog.id}
          newsletters={lists}
          onClose={() => setDialog(null)}
          onChanged={reload}
        />
      ) : null}
    </>
  );
}
