import { useState } from "preact/hooks";
import { can, slugify, type Tag } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { MergeActions, type MergeItem } from "../components/merge-dialog.js";
import { ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { api } from "../lib/api.js";
import { refreshReference, useReference } from "../lib/reference.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

/** Adds a tag or renames one (a new address leaves a redirect from the old one). */
function TagDialog({ tag, onClose }: { tag: Tag | "new"; onClose: () => void }) {
  const [name, setName] = useState(tag === "new" ? "" : tag.name);
  const [slug, setSlug] = useState(tag === "new" ? "" : tag.slug);
  const [slugTouched, setSlugTouched] = useState(tag !== "new");
  const form = useSubmit();
  const { busy, problem } = form;
  return (
    <Dialog
      open
      size="small"
      title={tag === "new" ? "Add a tag" : `Edit ${tag.name}`}
      onClose={onClose}
      footer={
        <DialogActions
          form="tag-form"
          label="Save"
          busyLabel="Saving…"
          busy={busy}
          onCancel={onClose}
        />
      }
    >
      <form
        id="tag-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          if (tag === "new") await api("POST", "/tags", { name, slug });
          else await api("PUT", `/tags/${tag.id}`, { name, slug });
          await refreshReference();
          onClose();
        }, "Tag saved.")}
      >
        <ProblemNotice problem={problem} />
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
          hint={
            tag !== "new" && slug !== tag.slug
              ? `/tags/${slug || "…"}; /tags/${tag.slug} will redirect here`
              : `/tags/${slug || "…"}`
          }
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
      </form>
    </Dialog>
  );
}

/** Tags with how many articles carry each; editors add, rename, merge and delete them. */
export function TagsScreen({ user }: { user: SessionUser }) {
  useTitle("Tags");
  const ref = useReference();
  const counts = useResource(
    () => api<{ counts: Record<string, number> }>("GET", "/tags/usage").then((r) => r.counts),
    [ref.tags],
  );
  const mayManage = can(user.role, "taxonomy.manage");
  const [q, setQ] = useState("");
  const [editing, setAction] = useState<Tag | "new" | null>(null);
  const needle = q.trim().toLowerCase();
  const shown = ref.tags.filter(
    (t) => !needle || t.name.toLowerCase().includes(needle) || t.slug.includes(needle),
  );
  const choices: MergeItem[] = ref.tags.map((t) => ({ id: t.id, name: t.name }));
  return (
    <>
      <PageHeader
        title="Tags"
        intro="Topics that gather articles across sections; each has its own page and feed."
        actions={
          mayManage ? (
            <button type="button" class="button button-primary" onClick={() => setAction("new")}>
              <Icon name="plus" />
              Add tag
            </button>
          ) : undefined
        }
      />
      <search class="filters" aria-label="Filter tags">
        <div class="filter filter-search">
          <label for="tag-search">Search tags</label>
          <span class="input-icon">
            <Icon name="search" />
            <input
              id="tag-search"
              type="search"
              placeholder="Search tags"
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
          </span>
        </div>
      </search>
      {!ref.loaded ? (
        <p class="loading" role="status">
          Loading tags…
        </p>
      ) : shown.length === 0 ? (
        <div class="empty">
          <p class="empty-title">{needle ? "No tag matches" : "No tags yet"}</p>
          <p>Tags are added here or from the article editor.</p>
        </div>
      ) : (
        <table class="table tags-table">
          <caption class="visually-hidden">Tags, by name</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Articles</th>
              {mayManage ? (
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {shown.map((tag) => (
              <tr key={tag.id}>
                <td>{tag.name}</td>
                <td>
                  <a href={`/tags/${tag.slug}`} target="_blank" rel="noopener">
                    /tags/{tag.slug}
                  </a>
                </td>
                <td>{counts.data ? (counts.data[tag.id] ?? 0) : "…"}</td>
                {mayManage ? (
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Edit ${tag.name}`}
                      onClick={() => setAction(tag)}
                    >
                      Edit
                    </button>
                    <MergeActions
                      kind="tags"
                      item={{ id: tag.id, name: tag.name }}
                      choices={choices}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <TagDialog
          key={editing === "new" ? "new" : editing.id}
          tag={editing}
          onClose={() => setAction(null)}
        />
      ) : null}
    </>
  );
}
