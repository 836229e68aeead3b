import { useEffect, useRef, useState } from "preact/hooks";
import { can } from "../../content/index.js";
import { Icon } from "../components/icons.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { formatDateTime, plural } from "../lib/format.js";
import { type ImportOptions, imports } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import type { ImportEntry, ImportReport, ImportRun } from "../lib/types.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

/** How often a running import is asked for its progress. */
const POLL_MS = 1000;
/** Entries listed per part of a report; the rest are counted (the JSON has them all). */
const SHOWN_ENTRIES = 200;

const KIND_LABELS: Record<string, string> = {
  article: "Articles",
  page: "Pages",
  comment: "Comments",
  person: "People",
  section: "Sections",
  tag: "Tags",
  media: "Media",
  redirect: "Redirects",
};

const STATUS_LABELS: Record<ImportRun["status"], string> = {
  queued: "Waiting to start",
  running: "Running",
  done: "Finished",
  failed: "Failed",
};

const PLATFORM_LABELS: Record<string, string> = { wordpress: "WordPress", ghost: "Ghost" };

const isActive = (run: ImportRun) => run.status === "queued" || run.status === "running";

function bytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The bar and the figures of a running import: done of total, and items (or bytes) a second. */
function ImportProgress({ run }: { run: ImportRun }) {
  const p = run.progress;
  const reading = !p || p.pass === "scan";
  const seconds = p ? (Date.parse(p.updatedAt) - Date.parse(p.passStartedAt)) / 1000 : 0;
  const rate = p && seconds > 0 ? p.done / seconds : 0;
  const label = reading ? "Reading the file" : "Importing";
  const figures = !p
    ? "Starting…"
    : reading
      ? `${bytes(p.done)} of ${bytes(p.total)}${rate > 0 ? ` · ${bytes(rate)}/s` : ""}`
      : `${p.done} of ${plural(p.total, "item")}${rate > 0 ? ` · ${Math.round(rate)} items/s` : ""}`;
  const max = p?.total || 1;
  return (
    <div class="import-progress">
      <p class="import-progress-label" id={`progress-${run.id}`}>
        {label} {run.fileName}
        {run.options.dryRun ? " (dry run)" : ""}
      </p>
      <div
        class="progress"
        role="progressbar"
        aria-labelledby={`progress-${run.id}`}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={p?.done ?? 0}
        aria-valuetext={figures}
      >
        <div
          class="progress-bar"
          style={{ width: `${Math.min(100, ((p?.done ?? 0) / max) * 100)}%` }}
        />
      </div>
      <p class="muted import-progress-figures">{figures}</p>
    </div>
  );
}

function EntryList({ entries, label }: { entries: ImportEntry[]; label: string }) {
  return (
    <details class="import-entries">
      <summary>
        {label} ({entries.length})
      </summary>
      <ul>
        {entries.slice(0, SHOWN_ENTRIES).map((e, i) => (
          <li key={`${e.kind}-${e.id}-${i}`}>
            <span class="muted">
              {e.kind} {e.id}
            </span>{" "}
            {e.title ? <strong>{e.title}</strong> : null} — {e.reason}
          </li>
        ))}
      </ul>
      {entries.length > SHOWN_ENTRIES ? (
        <p class="muted">…and {entries.length - SHOWN_ENTRIES} more.</p>
      ) : null}
    </details>
  );
}

/** An import's report: counts per kind, skipped items by reason, legacy HTML, missing media, notes. */
function ReportView({ report }: { report: ImportReport }) {
  const kinds = Object.entries(report.counts).filter(
    ([, c]) => c.imported + c.updated + c.unchanged + c.skipped > 0,
  );
  const reasons = new Map<string, number>();
  for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  return (
    <div class="import-report">
      <p>
        {report.dryRun
          ? "Dry run: nothing was written. The import would do this:"
          : "The import did this:"}
      </p>
      {kinds.length === 0 ? (
        <p class="muted">Nothing to import.</p>
      ) : (
        <table class="table table-compact">
          <caption class="visually-hidden">Records per kind</caption>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">{report.dryRun ? "New" : "Imported"}</th>
              <th scope="col">Updated</th>
              <th scope="col">Unchanged</th>
              <th scope="col">Skipped</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map(([kind, c]) => (
              <tr key={kind}>
                <th scope="row">{KIND_LABELS[kind] ?? kind}</th>
                <td>{c.imported}</td>
                <td>{c.updated}</td>
                <td>{c.unchanged}</td>
                <td>{c.skipped}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {reasons.size > 0 ? (
        <>
          <h4>Skipped</h4>
          <ul class="import-reasons">
            {[...reasons]
              .sort((a, b) => b[1] - a[1])
              .map(([reason, n]) => (
                <li key={reason}>
                  <strong>{n}</strong> {reason}
                </li>
              ))}
          </ul>
          <EntryList entries={report.skipped} label="Every skipped item" />
        </>
      ) : null}
      {report.legacyHtml.length > 0 ? (
        <>
          <h4>Legacy HTML</h4>
          <p>
            {plural(report.legacyHtml.length, "block")} in{" "}
            {plural(new Set(report.legacyHtml.map((l) => l.id)).size, "item")} kept as HTML: convert
            them in the editor.
          </p>
          <EntryList entries={report.legacyHtml} label="Every legacy HTML block" />
        </>
      ) : null}
      {report.mediaMissing.length > 0 ? (
        <>
          <h4>Missing media</h4>
          <p>
            {plural(report.mediaMissing.length, "image")} could not be had; they are left out of the
            articles that use them. Upload the file again with "Download the images from the old
            site", or import on the command line with a copy of the old site's uploads folder (
            <code>--media-dir</code>).
          </p>
          <details class="import-entries">
            <summary>Every missing image ({report.mediaMissing.length})</summary>
            <ul>
              {report.mediaMissing.slice(0, SHOWN_ENTRIES).map((m) => (
                <li key={m.url}>
                  <code>{m.url}</code> — {m.reason}
                  {m.usedBy.length > 0 ? ` (used by ${m.usedBy.join(", ")})` : ""}
                </li>
              ))}
            </ul>
          </details>
        </>
      ) : null}
      {report.notes.length > 0 ? (
        <>
          <h4>Notes</h4>
          <EntryList entries={report.notes} label="Every note" />
        </>
      ) : null}
    </div>
  );
}

/** One run: its state, progress or outcome, and what can be done next. */
function RunPanel({
  run,
  busy,
  onImport,
}: {
  run: ImportRun;
  busy: boolean;
  /** Runs the run's file again: for real (after a dry run), or as it was (after a failure). */
  onImport: (run: ImportRun, dryRun: boolean) => void;
}) {
  return (
    <section class="card import-run" aria-labelledby={`run-${run.id}`}>
      <h3 id={`run-${run.id}`}>
        {run.options.dryRun ? "Dry run of" : "Import of"} {run.fileName}
      </h3>
      <p class="muted">
        {PLATFORM_LABELS[run.platform] ?? run.platform} export, {bytes(run.fileSize)} · started{" "}
        {formatDateTime(run.startedAt)}
        {run.startedBy?.name ? ` by ${run.startedBy.name}` : ""}
        {run.options.asDraft ? " · everything as drafts" : ""}
        {run.options.overwrite ? " · replacing edited items" : ""}
        {run.options.fetchMedia ? " · images downloaded from the old site" : ""}
      </p>
      {isActive(run) ? <ImportProgress run={run} /> : null}
      {run.status === "failed" ? (
        <Notice kind="error" title="The import stopped" live>
          {run.error?.message ?? "It failed without saying why."}
        </Notice>
      ) : null}
      {run.status === "done" && run.report ? <ReportView report={run.report} /> : null}
      {!isActive(run) && run.fileKept && (run.options.dryRun || run.status === "failed") ? (
        <div class="form-actions">
          <button
            type="button"
            class="button button-primary"
            disabled={busy}
            onClick={() => onImport(run, run.status === "failed" && run.options.dryRun)}
          >
            <Icon name="check" />
            {run.status === "done"
              ? "Import"
              : run.options.dryRun
                ? "Run the dry run again"
                : "Run the import again"}
          </button>
          {run.options.dryRun && run.status === "done" ? (
            <span class="muted">Imports {run.fileName} for real, with the same options.</span>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/**
 * Import & export, for owners: upload a WordPress or Ghost export, see its dry run, import it
 * while the progress shows, keep every run's report; download the whole publication as an
 * archive.
 */
export function ImportExportScreen({ user }: { user: SessionUser }) {
  useTitle("Import & export");
  const runs = useResource(() => imports.list(), []);
  const [file, setFile] = useState<File | null>(null);
  const [options, setOptions] = useState<Omit<ImportOptions, "dryRun">>({
    asDraft: false,
    overwrite: false,
    fetchMedia: false,
  });
  // Starting a run is the form's submit; opening and following a run report their failures
  // in the same place.
  const { busy, problem, setProblem, run: send } = useSubmit();
  // The run shown in full: the one started here, or one opened from the list.
  const [shown, setShown] = useState<ImportRun | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // A run still going when the screen opens (started elsewhere, or before a reload) is followed.
  useEffect(() => {
    const active = runs.data?.find(isActive);
    if (active && !shown) void open(active.id);
  }, [runs.data]);

  // Polls the shown run while it is active, then refreshes the list once it ends.
  useEffect(() => {
    if (!shown || !isActive(shown)) return;
    const timer = setTimeout(async () => {
      try {
        const next = await imports.get(shown.id);
        setShown(next);
        if (!isActive(next)) void runs.reload();
      } catch (error) {
        setProblem(formProblem(error));
        // Asked again at the next tick: a network blip must not freeze the bar.
        setShown({ ...shown });
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [shown]);

  if (!can(user.role, "site.import"))
    return (
      <>
        <PageHeader title="Import & export" />
        <Notice kind="error">Only owners import content and export the publication.</Notice>
      </>
    );

  async function open(id: string) {
    setProblem(null);
    try {
      setShown(await imports.get(id));
    } catch (error) {
      setProblem(formProblem(error));
    }
  }

  async function start(run: () => Promise<ImportRun>) {
    await send(async () => {
      setShown(await run());
      void runs.reload();
    });
  }

  const running = shown && isActive(shown);
  return (
    <>
      <PageHeader
        title="Import & export"
        intro="Move a publication in from WordPress or Ghost, and take all of this one out as an archive."
      />
      <section class="card import-export" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p>
          One archive (.tar) with every article and its history, pages, people, sections, tags,
          trackers, comments, readership figures, redirects, settings, accounts (without passwords)
          and the original of every image. <code>masthead restore</code> loads it into a new
          publication, on SQLite or PostgreSQL.
        </p>
        <a class="button" href={imports.exportUrl} download>
          <Icon name="down" />
          Download export
        </a>
      </section>

      <section class="card import-export" aria-labelledby="import-heading">
        <h2 id="import-heading">Import</h2>
        <form
          class="form"
          aria-label="Import a file"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file) {
              setProblem({ message: "Choose the export file first.", issues: [] });
              fileInput.current?.focus();
              return;
            }
            void start(() => imports.start(file, { ...options, dryRun: true }));
          }}
        >
          <div class="field">
            <label for="import-file" class="field-label">
              Export file
            </label>
            <input
              ref={fileInput}
              id="import-file"
              type="file"
              accept=".xml,.json,application/xml,text/xml,application/json"
              aria-describedby="import-file-hint"
              onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            />
            <p id="import-file-hint" class="field-hint">
              WordPress: Tools → Export → All content (the .xml file; unzip a wordpress.com download
              first). Ghost: Settings → Labs → Export your content (the .json file). Up to 2 GB.
            </p>
          </div>
          <fieldset class="fieldset import-options">
            <legend>Options</legend>
            <label class="choice-inline">
              <input
                type="checkbox"
                checked={options.asDraft}
                onChange={(e) => setOptions({ ...options, asDraft: e.currentTarget.checked })}
              />
              Import every post and page as a draft (WordPress only: Ghost posts keep their status)
            </label>
            <label class="choice-inline">
              <input
                type="checkbox"
                checked={options.overwrite}
                onChange={(e) => setOptions({ ...options, overwrite: e.currentTarget.checked })}
              />
              Also replace items edited here since the last import
            </label>
            <label class="choice-inline">
              <input
                type="checkbox"
                checked={options.fetchMedia}
                onChange={(e) => setOptions({ ...options, fetchMedia: e.currentTarget.checked })}
              />
              Download the images from the old site (the file only links to them)
            </label>
          </fieldset>
          <div class="form-actions">
            <button type="submit" class="button button-primary" disabled={busy || !!running}>
              <Icon name="search" />
              {busy ? "Uploading…" : "Check the file (dry run)"}
            </button>
            <span class="muted">
              Nothing is written until you choose Import after reading the report.
            </span>
          </div>
        </form>
        <ProblemNotice problem={problem} />
      </section>

      {/* Said once per change of state, not at every step of the progress bar. */}
      <p class="visually-hidden" role="status">
        {shown
          ? `${shown.options.dryRun ? "Dry run" : "Import"} of ${shown.fileName}: ${STATUS_LABELS[shown.status]}`
          : ""}
      </p>
      {shown ? (
        <RunPanel
          run={shown}
          busy={busy}
          onImport={(run, dryRun) =>
            void start(() =>
              imports.rerun(run.id, {
                ...run.options,
                fetchMedia: run.options.fetchMedia ?? false,
                dryRun,
              }),
            )
          }
        />
      ) : null}

      <section class="import-history" aria-labelledby="history-heading">
        <h2 id="history-heading">Past imports</h2>
        {runs.error ? (
          <Notice kind="error">Past imports could not be loaded: {runs.error.message}</Notice>
        ) : !runs.data ? (
          <p class="loading" role="status">
            Loading past imports…
          </p>
        ) : runs.data.length === 0 ? (
          <p class="muted">No imports yet.</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">Past imports, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={run.id} aria-current={shown?.id === run.id ? "true" : undefined}>
                  <td>{formatDateTime(run.startedAt)}</td>
                  <td>{run.fileName}</td>
                  <td>{run.options.dryRun ? "Dry run" : "Import"}</td>
                  <td>{STATUS_LABELS[run.status]}</td>
                  <td>
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Open the report of the ${run.options.dryRun ? "dry run" : "import"} of ${run.fileName} started ${formatDateTime(run.startedAt)}`}
                      onClick={() => void open(run.id)}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
