import { useState } from "preact/hooks";
import { can, slugify } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { MergeActions } from "../components/merge-dialog.js";
import { ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";

import { refreshReference, sectionTree, useReference } from "../lib/reference.js";
import { sections } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import type { AdminSection } from "../lib/types.js";
import { useSubmit } from "../lib/use-submit.js";

function SectionDialog({
  section,
  all,
  onClose,
}: {
  section: AdminSection | "new";
  all: AdminSection[];
  onClose: () => void;
}) {
  const [name, setName] = useState(section === "new" ? "" : section.name);
  const [slug, setSlug] = useState(section === "new" ? "" : section.slug);
  const [slugTouched, setSlugTouched] = useState(section !== "new");
  const [description, setDescription] = useState(section === "new" ? "" : section.description);
  const [parentId, setParentId] = useState(section === "new" ? "" : (section.parentId ?? ""));
  const form = useSubmit();
  const { busy, problem } = form;
  // A section cannot sit under itself or one of its own subsections.
  const below = new Set<string>();
  if (section !== "new") {
    below.add(section.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const s of all)
        if (s.parentId && below.has(s.parentId) && !below.has(s.id)) {
          below.add(s.id);
          grew = true;
        }
    }
  }
  return (
    <Dialog
      open
      title={section === "new" ? "Add a section" : `Edit ${section.name}`}
      onClose={onClose}
      footer={
        <DialogActions
          form="section-form"
          label="Save"
          busyLabel="Saving…"
          busy={busy}
          onCancel={onClose}
        />
      }
    >
      <form
        id="section-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          const input = { name, slug, description, parentId: parentId || null };
          if (section === "new") await sections.create(input);
          else await sections.update(section.id, input);
          await refreshReference();
          onClose();
        }, "Section saved.")}
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
        <Field label="Address" hint={`/sections/${slug || "…"}`} error={form.issue("slug")}>
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
        <Field
          label="Inside"
          hint="Sections can nest, e.g. Politics › Elections."
          error={form.issue("parentId")}
        >
          {(ids) => (
            <select {...ids} value={parentId} onChange={(e) => setParentId(e.currentTarget.value)}>
              <option value="">Top level</option>
              {sectionTree(all)
                .filter(({ section: s }) => !below.has(s.id))
                .map(({ section: s, depth }) => (
                  <option key={s.id} value={s.id}>
                    {"\u2003".repeat(depth)}
                    {s.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field
          label="Description"
          optional
          hint="Shown on the section page."
          error={form.issue("description")}
        >
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

/** Sections as a tree; editors add and rename them. */
export function SectionsScreen({ user }: { user: SessionUser }) {
  useTitle("Sections");
  const ref = useReference();
  const mayManage = can(user.role, "taxonomy.manage");
  const [editing, setEditing] = useState<AdminSection | "new" | null>(null);
  const tree = sectionTree(ref.sections);
  return (
    <>
      <PageHeader
        title="Sections"
        intro="Where articles live on the site; each has its own page."
        actions={
          mayManage ? (
            <button type="button" class="button button-primary" onClick={() => setEditing("new")}>
              <Icon name="plus" />
              Add section
            </button>
          ) : undefined
        }
      />
      {!ref.loaded ? (
        <p class="loading" role="status">
          Loading sections…
        </p>
      ) : tree.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No sections yet</p>
          <p>Every article belongs to a section: add one first.</p>
        </div>
      ) : (
        <ul class="tree" aria-label="Sections">
          {tree.map(({ section, depth }) => (
            <li key={section.id} class="tree-item" style={{ paddingLeft: `${depth * 1.5 + 1}rem` }}>
              <div>
                {depth > 0 ? (
                  <span class="tree-branch" aria-hidden="true">
                    └
                  </span>
                ) : null}
                {mayManage ? (
                  <button
                    type="button"
                    class="link-button tree-name"
                    onClick={() => setEditing(section)}
                  >
                    {section.name}
                  </button>
                ) : (
                  <span class="tree-name">{section.name}</span>
                )}
                {section.description ? <p class="tree-description">{section.description}</p> : null}
              </div>
              <a
                href={`/sections/${section.slug}`}
                target="_blank"
                rel="noopener"
                class="tree-link"
              >
                /sections/{section.slug}
              </a>
              {mayManage ? (
                <span class="row-actions">
                  <MergeActions
                    kind="sections"
                    item={{ id: section.id, name: section.name }}
                    choices={ref.sections.map((s) => ({ id: s.id, name: s.name }))}
                  />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editing ? (
        <SectionDialog
          key={editing === "new" ? "new" : editing.id}
          section={editing}
          all={ref.sections}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
