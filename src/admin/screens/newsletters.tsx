import { useEffect, useState } from "preact/hooks";
import { can, type DigestSchedule, type NewsletterInput, slugify } from "../../content/index.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { formatDateTime, plural } from "../lib/format.js";
import {
  type EditionWithFigures,
  editions,
  type NewsletterWithCounts,
  newsletters,
} from "../lib/newsletter-resources.js";
import { articles, me, sections } from "../lib/resources.js";
import { navigate, useLocation } from "../lib/router.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

/** The one sentence on what is not counted, shown wherever figures are. */
const NO_TRACKING =
  "No opens or clicks are counted: messages carry no tracking pixel and no rewritten links, so these figures are only what the mail system itself reports.";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const STATUS_LABELS: Record<string, string> = {
  draft: "Draft",
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  cancelled: "Cancelled",
};

function digestLine(digest: DigestSchedule | null): string {
  if (!digest) return "No digest";
  const hour = `${String(digest.hourUtc).padStart(2, "0")}:00 UTC`;
  const when =
    digest.cadence === "daily"
      ? `Daily at ${hour}`
      : `${WEEKDAYS[digest.weekday ?? 1]}s at ${hour}`;
  return `${when}, ${digest.autoSend ? "sent automatically" : "kept as a draft to review"}`;
}

/** Creates or changes a newsletter: name, address, description and its digest schedule. */
function NewsletterForm({
  initial,
  onDone,
  onCancel,
}: {
  initial: NewsletterWithCounts | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? "");
  const [slug, setSlug] = useState(initial?.slug ?? "");
  // A new newsletter's address follows its name until the editor types one.
  const [slugTouched, setSlugTouched] = useState(initial != null);
  const [description, setDescription] = useState(initial?.description ?? "");
  const [digestOn, setDigestOn] = useState(initial?.digest != null);
  const [cadence, setCadence] = useState<"daily" | "weekly">(initial?.digest?.cadence ?? "daily");
  const [hourUtc, setHourUtc] = useState(initial?.digest?.hourUtc ?? 7);
  const [weekday, setWeekday] = useState(initial?.digest?.weekday ?? 1);
  const [autoSend, setAutoSend] = useState(initial?.digest?.autoSend ?? false);
  const [sectionIds, setSectionIds] = useState<string[]>(initial?.digest?.sectionIds ?? []);
  const allSections = useResource(() => sections.list(), []);
  const form = useSubmit();
  const input = (): NewsletterInput => ({
    name,
    slug,
    description,
    active: initial?.active ?? true,
    position: initial?.position ?? 0,
    digest: digestOn
      ? {
          cadence,
          hourUtc,
          sectionIds,
          autoSend,
          ...(cadence === "weekly" ? { weekday } : {}),
        }
      : null,
  });
  return (
    <form
      class="form newsletter-form"
      aria-label={initial ? `Edit ${initial.name}` : "New newsletter"}
      onSubmit={form.onSubmit(
        async () => {
          if (initial) await newsletters.update(initial.id, input());
          else await newsletters.create(input());
          onDone();
        },
        initial ? "Newsletter saved." : "Newsletter created.",
      )}
    >
      <ProblemNotice problem={form.problem} />
      <Field label="Name" error={form.issue("name")}>
        {(ids) => (
          <input
            {...ids}
            value={name}
            onInput={(e) => {
              setName(e.currentTarget.value);
              if (!slugTouched) setSlug(slugify(e.currentTarget.value));
            }}
          />
        )}
      </Field>
      <Field
        label="Address"
        hint={`Lowercase letters, digits and hyphens: past editions are at /newsletter/${slug || "…"}`}
        error={form.issue("slug")}
      >
        {(ids) => (
          <input
            {...ids}
            value={slug}
            spellcheck={false}
            onInput={(e) => {
              setSlugTouched(true);
              setSlug(e.currentTarget.value);
            }}
          />
        )}
      </Field>
      <Field label="Description" optional error={form.issue("description")}>
        {(ids) => (
          <textarea
            {...ids}
            rows={2}
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset class="fieldset">
        <legend>Digest</legend>
        <label class="choice-inline">
          <input
            type="checkbox"
            checked={digestOn}
            onChange={(e) => setDigestOn(e.currentTarget.checked)}
          />
          Compose a digest of the latest articles on a schedule
        </label>
        {digestOn ? (
          <div class="digest-fields">
            <Field label="How often">
              {(ids) => (
                <select
                  {...ids}
                  value={cadence}
                  onChange={(e) => setCadence(e.currentTarget.value as "daily" | "weekly")}
                >
                  <option value="daily">Every day (the last 24 hours)</option>
                  <option value="weekly">Every week (the last 7 days)</option>
                </select>
              )}
            </Field>
            {cadence === "weekly" ? (
              <Field label="Day">
                {(ids) => (
                  <select
                    {...ids}
                    value={String(weekday)}
                    onChange={(e) => setWeekday(Number(e.currentTarget.value))}
                  >
                    {WEEKDAYS.map((d, i) => (
                      <option key={d} value={String(i)}>
                        {d}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ) : null}
            <Field label="Hour (UTC)" error={form.issue("digest.hourUtc")}>
              {(ids) => (
                <input
                  {...ids}
                  type="number"
                  min={0}
                  max={23}
                  value={hourUtc}
                  onInput={(e) => setHourUtc(Number(e.currentTarget.value))}
                />
              )}
            </Field>
            <fieldset class="fieldset">
              <legend>Sections (none ticked: every section)</legend>
              {(allSections.data ?? []).map((s) => (
                <label class="choice-inline" key={s.id}>
                  <input
                    type="checkbox"
                    checked={sectionIds.includes(s.id)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      setSectionIds((now) =>
                        on ? [...now, s.id] : now.filter((id) => id !== s.id),
                      );
                    }}
                  />
                  {s.name}
                </label>
              ))}
            </fieldset>
            <label class="choice-inline">
              <input
                type="checkbox"
                checked={autoSend}
                onChange={(e) => setAutoSend(e.currentTarget.checked)}
              />
              Send it as soon as it is composed (otherwise it waits as a draft for an editor)
            </label>
          </div>
        ) : null}
      </fieldset>
      <div class="form-actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={form.busy}>
          {form.busy ? "Saving…" : initial ? "Save newsletter" : "Create newsletter"}
        </button>
      </div>
    </form>
  );
}

/** "Send an article as newsletter": picks a published article and makes a draft edition. */
function ComposeForm({
  newsletter,
  articleId: preselected,
  onComposed,
}: {
  newsletter: NewsletterWithCounts;
  articleId: string;
  onComposed: (edition: EditionWithFigures) => void;
}) {
  const published = useResource(() => articles.list({ status: "published", limit: 50 }), []);
  const [articleId, setArticleId] = useState(preselected);
  const [subject, setSubject] = useState("");
  const [intro, setIntro] = useState("");
  const form = useSubmit();
  return (
    <form
      class="form compose-form"
      aria-label={`Send an article as ${newsletter.name}`}
      onSubmit={form.onSubmit(async () => {
        const edition = await editions.fromArticle({
          newsletterId: newsletter.id,
          articleId,
          ...(subject.trim() ? { subject } : {}),
          intro,
        });
        onComposed(edition);
      }, "Draft edition made: preview it, then send.")}
    >
      <h3>Send an article as newsletter</h3>
      <ProblemNotice problem={form.problem} />
      <Field label="Published article" error={form.issue("articleId")}>
        {(ids) => (
          <select {...ids} value={articleId} onChange={(e) => setArticleId(e.currentTarget.value)}>
            <option value="">Choose an article…</option>
            {(published.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.headline || "Untitled"}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Subject" hint="Empty: the headline" optional error={form.issue("subject")}>
        {(ids) => (
          <input {...ids} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Intro" hint="A note above the article" optional error={form.issue("intro")}>
        {(ids) => (
          <textarea
            {...ids}
            rows={3}
            value={intro}
            onInput={(e) => setIntro(e.currentTarget.value)}
          />
        )}
      </Field>
      <div>
        <button
          type="submit"
          class="button button-primary"
          disabled={form.busy || articleId === ""}
        >
          {form.busy ? "Making…" : "Make a draft edition"}
        </button>
      </div>
    </form>
  );
}

/**
 * Loads again every few seconds while one of `shown` is queued or sending, so its figures and
 * status follow the sender instead of staying at "0 sent" until the page is reloaded.
 */
function useRefreshWhileSending(
  shown: readonly { status: string }[] | undefined,
  reload: () => Promise<void>,
): void {
  const inFlight = shown?.some((e) => e.status === "queued" || e.status === "sending") ?? false;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setInterval(() => void reload(), 3000);
    return () => clearInterval(timer);
  }, [inFlight, reload]);
}

function Figures({ edition }: { edition: EditionWithFigures }) {
  const f = edition.figures;
  if (edition.status === "draft") return <span class="cell-sub">Not sent</span>;
  return (
    <span class="edition-figures">
      {plural(f.recipients, "recipient")} · {f.sent} sent · {f.queued} waiting · {f.failed} failed ·{" "}
      {f.bounced} bounced · {f.suppressed} suppressed · {f.unsubscribed} unsubscribed
    </span>
  );
}

/** The preview of an edition at phone or desktop width, as HTML or plain text. */
function Preview({ edition }: { edition: EditionWithFigures }) {
  const [width, setWidth] = useState<"phone" | "desktop">("phone");
  const [format, setFormat] = useState<"html" | "text">("html");
  const preview = useResource(
    () => editions.preview(edition.id, format),
    [edition.id, edition.updatedAt, format],
  );
  return (
    <section class="edition-preview" aria-label="Preview">
      <div class="preview-toggles">
        <fieldset class="fieldset choice-row">
          <legend>Width</legend>
          {(["phone", "desktop"] as const).map((w) => (
            <label key={w} class="choice-inline">
              <input
                type="radio"
                name="preview-width"
                checked={width === w}
                onChange={() => setWidth(w)}
              />
              {w === "phone" ? "Phone (375 px)" : "Desktop (700 px)"}
            </label>
          ))}
        </fieldset>
        <fieldset class="fieldset choice-row">
          <legend>Part</legend>
          {(["html", "text"] as const).map((f) => (
            <label key={f} class="choice-inline">
              <input
                type="radio"
                name="preview-format"
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {f === "html" ? "HTML" : "Plain text"}
            </label>
          ))}
        </fieldset>
      </div>
      {preview.error ? (
        <Notice kind="error">The preview could not be made: {preview.error.message}</Notice>
      ) : preview.data === undefined ? (
        <p class="loading" role="status">
          Rendering the preview…
        </p>
      ) : format === "html" ? (
        <iframe
          class="email-preview"
          title={`Email preview at ${width} width`}
          // No scripts, no forms, no navigation: the message is only looked at.
          sandbox=""
          srcdoc={preview.data}
          width={width === "phone" ? 375 : 700}
          height={640}
          style={{ width: `${width === "phone" ? 375 : 700}px`, maxWidth: "100%" }}
        />
      ) : (
        <pre class="email-preview-text" style={{ maxWidth: width === "phone" ? "375px" : "700px" }}>
          {preview.data}
        </pre>
      )}
    </section>
  );
}

/** One edition: its draft fields, preview, test send and send. */
function EditionPanel({
  id,
  newsletter,
  onChanged,
  onClose,
}: {
  id: string;
  newsletter: NewsletterWithCounts;
  onChanged: () => void;
  onClose: () => void;
}) {
  const loaded = useResource(() => editions.get(id), [id]);
  useRefreshWhileSending(loaded.data ? [loaded.data] : undefined, loaded.reload);
  const [subject, setSubject] = useState("");
  const [intro, setIntro] = useState("");
  const [order, setOrder] = useState<string[]>([]);
  const save = useSubmit();
  const act = useSubmit();
  const edition = loaded.data;
  useEffect(() => {
    if (!edition) return;
    setSubject(edition.subject);
    setIntro(edition.intro);
    setOrder(edition.articleIds);
  }, [edition]);
  if (loaded.error) return <Notice kind="error">{loaded.error.message}</Notice>;
  if (!edition)
    return (
      <p class="loading" role="status">
        Loading the edition…
      </p>
    );
  const draft = edition.status === "draft";
  const move = (i: number, by: number) =>
    setOrder((now) => {
      const next = [...now];
      const [item] = next.splice(i, 1);
      if (item !== undefined) next.splice(i + by, 0, item);
      return next;
    });
  return (
    <section class="edition-panel" aria-labelledby="edition-title">
      <div class="panel-header">
        <h2 id="edition-title">{edition.subject}</h2>
        <button type="button" class="button button-small" onClick={onClose}>
          Close
        </button>
      </div>
      <p>
        {STATUS_LABELS[edition.status] ?? edition.status}
        {edition.sentAt
          ? ` ${formatDateTime(edition.sentAt)}`
          : edition.queuedAt
            ? ` since ${formatDateTime(edition.queuedAt)}`
            : ""}
        {/* A draft has no figures yet: "Draft" says it all. */}
        {draft ? null : (
          <>
            {" "}
            · <Figures edition={edition} />
          </>
        )}
      </p>
      {draft ? (
        <form
          class="form"
          aria-label="Edit the edition"
          onSubmit={save.onSubmit(async () => {
            await editions.update(edition.id, {
              subject,
              intro,
              ...(edition.kind === "digest" ? { articleIds: order } : {}),
            });
            await loaded.reload();
            onChanged();
          }, "Edition saved.")}
        >
          <ProblemNotice problem={save.problem} />
          <Field label="Subject" error={save.issue("subject")}>
            {(ids) => (
              <input {...ids} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="Intro" optional error={save.issue("intro")}>
            {(ids) => (
              <textarea
                {...ids}
                rows={3}
                value={intro}
                onInput={(e) => setIntro(e.currentTarget.value)}
              />
            )}
          </Field>
          {edition.kind === "digest" ? (
            <fieldset class="fieldset">
              <legend>Articles, in order</legend>
              <ol class="digest-articles">
                {order.map((articleId, i) => (
                  <li key={articleId}>
                    <DigestArticle id={articleId} />{" "}
                    <button
                      type="button"
                      class="button button-small"
                      disabled={i === 0}
                      aria-label="Move up"
                      onClick={() => move(i, -1)}
                    >
                      <Icon name="up" />
                    </button>
                    <button
                      type="button"
                      class="button button-small"
                      disabled={i === order.length - 1}
                      aria-label="Move down"
                      onClick={() => move(i, 1)}
                    >
                      <Icon name="down" />
                    </button>
                    <button
                      type="button"
                      class="button button-small button-danger-quiet"
                      onClick={() => setOrder((now) => now.filter((x) => x !== articleId))}
                    >
                      Remove
                    </button>
                  </li>
                ))}
              </ol>
            </fieldset>
          ) : null}
          <div>
            <button type="submit" class="button" disabled={save.busy}>
              {save.busy ? "Saving…" : "Save changes"}
            </button>
          </div>
        </form>
      ) : null}
      <Preview edition={edition} />
      <ProblemNotice problem={act.problem} />
      <div class="edition-actions">
        <button
          type="button"
          class="button"
          disabled={act.busy}
          onClick={() =>
            void act.run(
              () => editions.sendTest(edition.id),
              (r) => `Test queued to ${r.to}.`,
            )
          }
        >
          Send a test to me
        </button>
        {draft ? (
          <>
            <button
              type="button"
              class="button button-primary"
              disabled={act.busy}
              onClick={() => {
                if (
                  !window.confirm(
                    `Send “${edition.subject}” to the ${plural(newsletter.subscribers.confirmed, "confirmed subscriber")} of ${newsletter.name}? It cannot be called back.`,
                  )
                )
                  return;
                void act
                  .run(
                    () => editions.send(edition.id),
                    (e) => `Queued for ${plural(e.recipients, "subscriber")}.`,
                  )
                  .then(async (sent) => {
                    if (!sent) return;
                    await loaded.reload();
                    onChanged();
                  });
              }}
            >
              <Icon name="check" />
              Send to subscribers
            </button>
            <button
              type="button"
              class="button button-danger-quiet"
              disabled={act.busy}
              onClick={() => {
                if (!window.confirm(`Delete the draft “${edition.subject}”?`)) return;
                void act
                  .run(() => editions.remove(edition.id), "Draft deleted.")
                  .then(() => {
                    onChanged();
                    onClose();
                  });
              }}
            >
              <Icon name="trash" />
              Delete draft
            </button>
          </>
        ) : (
          <a
            class="button"
            href={`/newsletter/${newsletter.slug}/${edition.slug}`}
            target="_blank"
            rel="noreferrer"
          >
            <Icon name="external" />
            Web copy
          </a>
        )}
      </div>
    </section>
  );
}

function DigestArticle({ id }: { id: string }) {
  const article = useResource(() => articles.get(id), [id]);
  return <span>{article.data?.article.headline ?? "…"}</span>;
}

/** A newsletter's editions with their figures, and the form that makes one from an article. */
function EditionsPanel({
  newsletter,
  articleId,
  openId,
  onOpen,
  onEditionsChanged,
}: {
  newsletter: NewsletterWithCounts;
  articleId: string;
  openId: string | null;
  onOpen: (id: string | null) => void;
  /** An edition was made, sent or deleted: the newsletter's draft count changed. */
  onEditionsChanged: () => void;
}) {
  const list = useResource(() => newsletters.editions(newsletter.id), [newsletter.id]);
  useRefreshWhileSending(list.data, list.reload);
  return (
    <section class="editions" aria-labelledby="editions-title">
      <h2 id="editions-title">Editions of {newsletter.name}</h2>
      <ComposeForm
        newsletter={newsletter}
        articleId={articleId}
        onComposed={(edition) => {
          void list.reload();
          onEditionsChanged();
          onOpen(edition.id);
        }}
      />
      {openId ? (
        <EditionPanel
          id={openId}
          newsletter={newsletter}
          onChanged={() => {
            void list.reload();
            onEditionsChanged();
          }}
          onClose={() => onOpen(null)}
        />
      ) : null}
      {list.error ? (
        <Notice kind="error">The editions could not be loaded: {list.error.message}</Notice>
      ) : !list.data ? (
        <p class="loading" role="status">
          Loading editions…
        </p>
      ) : list.data.length === 0 ? (
        <p class="empty">No editions yet.</p>
      ) : (
        <table class="table editions-table">
          <caption class="visually-hidden">Editions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col">Figures</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id}>
                <td class="cell-title">
                  <button type="button" class="link-button" onClick={() => onOpen(e.id)}>
                    {e.subject}
                  </button>
                  <span class="cell-sub">{e.kind === "digest" ? "Digest" : "Article"}</span>
                </td>
                <td>
                  {STATUS_LABELS[e.status] ?? e.status}
                  {e.queuedAt ? <span class="cell-sub">{formatDateTime(e.queuedAt)}</span> : null}
                </td>
                <td>
                  <Figures edition={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * Newsletters: what readers can subscribe to, with their subscriber counts; a newsletter's
 * editions with honest figures; sending a published article as newsletter after a preview.
 * `?article=<id>` (the articles list's "Send as newsletter") preselects the article.
 */
export function NewslettersScreen({ user }: { user: SessionUser }) {
  useTitle("Newsletters");
  const { query } = useLocation();
  const articleId = query.get("article") ?? "";
  const list = useResource(() => newsletters.list(), []);
  const [editing, setEditing] = useState<NewsletterWithCounts | "new" | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = list.data ?? [];
  const selected = items.find((n) => n.id === selectedId) ?? null;
  // "Send as newsletter" with one newsletter: nothing to choose.
  const only = articleId && items.length === 1 ? items[0]?.id : undefined;
  // Sending off is said before anyone drafts an edition, not only when "Send" is refused.
  const mail = useResource(() => me.notifications(), []);
  useEffect(() => {
    if (only && selectedId === null) setSelectedId(only);
  }, [only, selectedId]);
  if (!can(user.role, "newsletter.manage"))
    return (
      <>
        <PageHeader title="Newsletters" />
        <Notice kind="error">Only editors and owners manage newsletters.</Notice>
      </>
    );
  const remove = async (n: NewsletterWithCounts) => {
    if (
      !window.confirm(
        `Delete ${n.name}, its editions and its ${plural(n.subscribers.confirmed + n.subscribers.pending, "subscription")}?`,
      )
    )
      return;
    try {
      await newsletters.remove(n.id);
      toast("Newsletter deleted.");
      if (selectedId === n.id) setSelectedId(null);
      await list.reload();
    } catch (error) {
      toast(formProblem(error).message, "error");
    }
  };
  return (
    <>
      <PageHeader
        title="Newsletters"
        intro="What readers can subscribe to, and the editions sent to them: a published article sent as newsletter, or a digest composed on schedule."
        actions={
          <button type="button" class="button button-primary" onClick={() => setEditing("new")}>
            <Icon name="plus" />
            New newsletter
          </button>
        }
      />
      <p class="no-tracking">{NO_TRACKING}</p>
      {mail.data?.sending === false ? (
        <Notice kind="warning" title="Sending email is off">
          This site has no MASTHEAD_SMTP_URL, so nothing is sent: editions can be drafted and
          previewed, and readers can still subscribe (their confirmation messages wait), but tests
          and editions go out only once sending is set up (see docs/EMAIL.md) and the server
          restarted.
        </Notice>
      ) : null}
      {articleId && !selected ? (
        <Notice kind="info">Choose the newsletter to send the article with.</Notice>
      ) : null}
      {editing ? (
        <NewsletterForm
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            void list.reload();
          }}
        />
      ) : null}
      {list.error ? (
        <Notice kind="error">Newsletters could not be loaded: {list.error.message}</Notice>
      ) : !list.data ? (
        <p class="loading" role="status">
          Loading newsletters…
        </p>
      ) : items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No newsletters yet</p>
          <p>Create one; readers subscribe to it on the site.</p>
        </div>
      ) : (
        <table class="table newsletters-table">
          <caption class="visually-hidden">Newsletters</caption>
          <thead>
            <tr>
              <th scope="col">Newsletter</th>
              <th scope="col">Subscribers</th>
              <th scope="col">Digest</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.id} class={selected?.id === n.id ? "row-selected" : undefined}>
                <td class="cell-title">
                  {n.name}
                  <span class="cell-sub">/newsletter/{n.slug}</span>
                </td>
                <td>
                  {n.subscribers.confirmed} confirmed
                  <span class="cell-sub">{n.subscribers.pending} awaiting confirmation</span>
                </td>
                <td>
                  {digestLine(n.digest)}
                  {n.drafts > 0 ? (
                    // A digest kept for review waits here; nothing else tells the editor.
                    <span class="cell-sub">
                      <strong>{plural(n.drafts, "draft edition")} to review</strong> (Editions)
                    </span>
                  ) : null}
                </td>
                <td class="cell-actions">
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={`Editions of ${n.name}`}
                    onClick={() => {
                      setSelectedId(n.id);
                      setOpenId(null);
                    }}
                  >
                    Editions
                  </button>
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={`Edit ${n.name}`}
                    onClick={() => setEditing(n)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    class="button button-small button-danger-quiet"
                    aria-label={`Delete ${n.name}`}
                    onClick={() => void remove(n)}
                  >
                    <Icon name="trash" />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected ? (
        <EditionsPanel
          key={selected.id}
          newsletter={selected}
          articleId={articleId}
          openId={openId}
          onEditionsChanged={() => void list.reload()}
          onOpen={(id) => {
            setOpenId(id);
            if (articleId) navigate("/newsletters", { replace: true });
          }}
        />
      ) : null}
    </>
  );
}
