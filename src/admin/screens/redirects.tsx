import { useState } from "preact/hooks";
import { can, type Redirect } from "../../content/index.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { Pager } from "../components/pager.js";
import { PageHeader } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { formatDateTime } from "../lib/format.js";
import { redirects } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

const PAGE_SIZE = 50;

const SOURCE_LABELS: Record<string, string> = {
  manual: "Added here",
  slug: "Slug change",
  import: "Import",
};

/** How a stored redirect's old address reads: its path with the query it requires. */
function oldAddress(r: Redirect): string {
  return r.fromQuery ? `${r.fromPath}?${r.fromQuery}` : r.fromPath;
}

function AddRedirectForm({ onAdded }: { onAdded: () => void }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const form = useSubmit();
  const { busy, problem } = form;
  return (
    <form
      class="form redirect-form"
      aria-label="Add a redirect"
      onSubmit={form.onSubmit(async () => {
        await redirects.create({ from, to });
        setFrom("");
        setTo("");
        onAdded();
      }, "Redirect added.")}
    >
      <ProblemNotice problem={problem} />
      <div class="redirect-fields">
        <Field
          label="Old address"
          hint="A path such as /2019/05/old-post/ or /?p=123, or a pattern: /:year/:month/:slug/, /old/*"
          error={form.issue("from")}
        >
          {(ids) => (
            <input
              {...ids}
              value={from}
              spellcheck={false}
              autocomplete="off"
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="New address"
          hint="A path on this site (/articles/new-slug; a pattern may use its :names and *) or a whole https:// URL"
          error={form.issue("to")}
        >
          {(ids) => (
            <input
              {...ids}
              value={to}
              spellcheck={false}
              autocomplete="off"
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <div>
        <button type="submit" class="button button-primary" disabled={busy}>
          <Icon name="plus" />
          {busy ? "Adding…" : "Add redirect"}
        </button>
      </div>
    </form>
  );
}

/** Redirects from old addresses (slug changes, imports, added by hand); editors add and remove them. */
export function RedirectsScreen({ user }: { user: SessionUser }) {
  useTitle("Redirects");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);
  const list = useResource(() => redirects.list({ q, limit: PAGE_SIZE, offset }), [q, offset]);
  if (!can(user.role, "redirects.manage"))
    return (
      <>
        <PageHeader title="Redirects" />
        <Notice kind="error">Only editors and owners manage redirects.</Notice>
      </>
    );
  const remove = async (r: Redirect) => {
    if (!window.confirm(`Remove the redirect from ${oldAddress(r)} to ${r.toPath}?`)) return;
    try {
      await redirects.remove(r.id);
      toast("Redirect removed.");
      await list.reload();
    } catch (error) {
      toast(formProblem(error).message, "error");
    }
  };
  return (
    <>
      <PageHeader
        title="Redirects"
        intro="Old addresses that send readers (and search engines) on to where the content lives now, with a permanent redirect. Slug changes and imports add them; you can add your own."
      />
      <AddRedirectForm
        onAdded={() => {
          setOffset(0);
          void list.reload();
        }}
      />
      <search class="filters" aria-label="Filter redirects">
        <div class="filter filter-search">
          <label for="redirect-search">Search addresses</label>
          <span class="input-icon">
            <Icon name="search" />
            <input
              id="redirect-search"
              type="search"
              placeholder="Search addresses"
              value={q}
              onInput={(e) => {
                setQ(e.currentTarget.value);
                setOffset(0);
              }}
            />
          </span>
        </div>
      </search>
      {list.error ? (
        <Notice kind="error">Redirects could not be loaded: {list.error.message}</Notice>
      ) : !list.data ? (
        <p class="loading" role="status">
          Loading redirects…
        </p>
      ) : list.data.items.length === 0 ? (
        <div class="empty">
          <p class="empty-title">{q ? "No redirect matches" : "No redirects yet"}</p>
          <p>Changing the slug of a published article, section, tag or author adds one.</p>
        </div>
      ) : (
        <>
          <table class="table redirects-table">
            <caption class="visually-hidden">Redirects, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Old address</th>
                <th scope="col">New address</th>
                <th scope="col">Source</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  <td class="redirect-address">
                    <code>{oldAddress(r)}</code>
                    {r.kind === "pattern" ? <span class="redirect-kind"> pattern</span> : null}
                  </td>
                  <td class="redirect-address">
                    <code>{r.toPath}</code>
                  </td>
                  <td>{SOURCE_LABELS[r.source] ?? r.source}</td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      class="button button-small button-danger-quiet"
                      aria-label={`Remove the redirect from ${oldAddress(r)}`}
                      onClick={() => void remove(r)}
                    >
                      <Icon name="trash" />
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager
            label="redirects"
            offset={offset}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onOffset={setOffset}
          />
        </>
      )}
    </>
  );
}
