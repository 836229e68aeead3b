import { useEffect, useState } from "preact/hooks";
import { can, type PersonInput, slugify } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { MediaPicker } from "../components/media-picker.js";
import { MergeActions } from "../components/merge-dialog.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { refreshReference, useReference } from "../lib/reference.js";
import { media, people } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import type { AdminPerson } from "../lib/types.js";
import { useSubmit } from "../lib/use-submit.js";

type Draft = Required<Omit<PersonInput, "avatarId">> & { avatarId: string | null };

const EMPTY: Draft = {
  slug: "",
  name: "",
  roleTitle: "",
  team: "",
  shortBio: "",
  bio: "",
  avatarId: null,
  avatarAlt: "",
};

function PersonDialog({ person, onClose }: { person: AdminPerson | "new"; onClose: () => void }) {
  const [draft, setDraft] = useState<Draft>(() =>
    person === "new" ? EMPTY : { ...EMPTY, ...person },
  );
  const [version, setVersion] = useState<number | null>(null);
  const [slugTouched, setSlugTouched] = useState(person !== "new");
  const form = useSubmit();
  const { busy, problem } = form;
  const [picking, setPicking] = useState(false);
  const [avatarUrl, setAvatarUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!draft.avatarId) return setAvatarUrl(null);
    let current = true;
    media.get(draft.avatarId).then(
      (item) => current && setAvatarUrl(item.url),
      () => current && setAvatarUrl(null),
    );
    return () => {
      current = false;
    };
  }, [draft.avatarId]);
  useEffect(() => {
    // Saving needs the version the form was filled from.
    if (person !== "new")
      people.get(person.id).then(
        (r) => {
          setVersion(r.version);
          setDraft({ ...EMPTY, ...r.person });
        },
        (error) => form.setProblem(formProblem(error)),
      );
  }, [person]);
  const set = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    if (patch.name !== undefined && !slugTouched) next.slug = slugify(patch.name);
    setDraft(next);
  };
  const text = (
    field: keyof Draft,
    label: string,
    opts: { hint?: string; area?: number; optional?: boolean } = {},
  ) => (
    <Field label={label} hint={opts.hint} optional={opts.optional} error={form.issue(field)}>
      {(ids) =>
        opts.area ? (
          <textarea
            {...ids}
            rows={opts.area}
            value={String(draft[field] ?? "")}
            onInput={(e) => set({ [field]: e.currentTarget.value })}
          />
        ) : (
          <input
            {...ids}
            value={String(draft[field] ?? "")}
            onInput={(e) => set({ [field]: e.currentTarget.value })}
          />
        )
      }
    </Field>
  );
  return (
    <Dialog
      open
      title={person === "new" ? "Add a person" : `Edit ${person.name}`}
      onClose={onClose}
      footer={
        <DialogActions
          form="person-form"
          label="Save"
          busyLabel="Saving…"
          busy={busy}
          disabled={person !== "new" && version === null}
          onCancel={onClose}
        />
      }
    >
      <form
        id="person-form"
        class="form"
        onSubmit={form.onSubmit(async () => {
          if (person === "new") await people.create(draft);
          else await people.update(person.id, draft, version ?? 1);
          await refreshReference();
          toast(person === "new" ? "Person added." : "Person saved.");
          onClose();
        })}
      >
        <ProblemNotice problem={problem} />
        <div class="form-grid">
          {text("name", "Name")}
          <Field label="Address" hint={`/authors/${draft.slug || "…"}`} error={form.issue("slug")}>
            {(ids) => (
              <input
                {...ids}
                value={draft.slug}
                spellcheck={false}
                onInput={(e) => {
                  setSlugTouched(true);
                  set({ slug: e.currentTarget.value });
                }}
              />
            )}
          </Field>
          {text("roleTitle", "Role title", {
            hint: "Shown in the byline, e.g. Editor",
            optional: true,
          })}
          {text("team", "Team", { optional: true })}
        </div>
        {text("shortBio", "Short bio", {
          hint: "Up to 300 characters, shown in bylines.",
          area: 2,
          optional: true,
        })}
        {text("bio", "Full bio", {
          hint: "Shown at the end of articles and on the author page.",
          area: 5,
          optional: true,
        })}
        <div class="field">
          <p class="field-label">Profile picture</p>
          <div class="avatar-row">
            {avatarUrl ? <img class="avatar-preview" src={avatarUrl} alt="" /> : null}
            <div class="button-row">
              <button type="button" class="button button-small" onClick={() => setPicking(true)}>
                {draft.avatarId ? "Replace picture" : "Choose picture"}
              </button>
              {draft.avatarId ? (
                <button
                  type="button"
                  class="button button-small button-danger-quiet"
                  onClick={() => set({ avatarId: null })}
                >
                  Remove picture
                </button>
              ) : null}
            </div>
          </div>
        </div>
        {draft.avatarId
          ? text("avatarAlt", "Picture's alt text", {
              hint: "e.g. Serena Zehlius, member of the team",
            })
          : null}
      </form>
      <MediaPicker
        open={picking}
        title="Choose a profile picture"
        onPick={(item) => {
          setPicking(false);
          if (item) set({ avatarId: item.id, avatarAlt: draft.avatarAlt || item.alt });
        }}
      />
    </Dialog>
  );
}

/** The staff people bylines name. */
export function PeopleScreen({ user }: { user: SessionUser }) {
  useTitle("People");
  const ref = useReference();
  const mayManage = can(user.role, "people.manage");
  const [editing, setEditing] = useState<AdminPerson | "new" | null>(null);
  return (
    <>
      <PageHeader
        title="People"
        intro="The staff named in bylines, each with an author page."
        actions={
          mayManage ? (
            <button type="button" class="button button-primary" onClick={() => setEditing("new")}>
              <Icon name="plus" />
              Add person
            </button>
          ) : undefined
        }
      />
      {ref.error ? <Notice kind="warning">{ref.error}</Notice> : null}
      {!ref.loaded ? (
        <p class="loading" role="status">
          Loading people…
        </p>
      ) : ref.people.length === 0 ? (
        <div class="empty">
          <p class="empty-title">No people yet</p>
          <p>Add the newsroom's writers so articles can name them.</p>
        </div>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role title</th>
              <th scope="col">Team</th>
              <th scope="col">Author page</th>
              {mayManage ? (
                <th scope="col">
                  <span class="visually-hidden">Merge or delete</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {ref.people.map((p) => (
              <tr key={p.id}>
                <td class="cell-title">
                  {mayManage ? (
                    <button type="button" class="link-button" onClick={() => setEditing(p)}>
                      {p.name}
                    </button>
                  ) : (
                    p.name
                  )}
                  {p.id === user.personId ? <span class="cell-sub">You</span> : null}
                </td>
                <td>{p.roleTitle || "—"}</td>
                <td>{p.team || "—"}</td>
                <td>
                  <a href={`/authors/${p.slug}`} target="_blank" rel="noopener">
                    /authors/{p.slug}
                  </a>
                </td>
                {mayManage ? (
                  <td class="row-actions">
                    <MergeActions
                      kind="people"
                      item={{ id: p.id, name: p.name }}
                      choices={ref.people.map((o) => ({ id: o.id, name: o.name }))}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <PersonDialog
          key={editing === "new" ? "new" : editing.id}
          person={editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}
