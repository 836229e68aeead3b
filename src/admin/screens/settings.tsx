import { useEffect, useState } from "preact/hooks";
import {
  can,
  PERMISSIONS,
  type Permission,
  ROLES,
  type Role,
  type SiteSettings,
} from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { MediaPicker } from "../components/media-picker.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader, ROLE_LABELS } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { formatDate } from "../lib/format.js";
import { apiKeys, media, settings } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

/** The publisher logo: a preview of the chosen library image, and buttons to pick or drop it. */
function LogoField({
  logoMediaId,
  error,
  onChange,
}: {
  logoMediaId: string | null;
  error: string | null;
  onChange: (id: string | null) => void;
}) {
  const [picking, setPicking] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!logoMediaId) return setPreview(null);
    let current = true;
    media.get(logoMediaId).then(
      (item) => current && setPreview(item.url),
      () => current && setPreview(null),
    );
    return () => {
      current = false;
    };
  }, [logoMediaId]);
  return (
    <div class={`field${error ? " field-invalid" : ""}`}>
      <p class="field-label" id="logo-label">
        Publisher logo <span class="field-optional"> (optional)</span>
      </p>
      <div class="avatar-row">
        {preview ? <img class="avatar-preview" src={preview} alt="The current logo" /> : null}
        <div class="button-row">
          <button
            type="button"
            class="button button-small"
            aria-describedby="logo-hint"
            onClick={() => setPicking(true)}
          >
            {logoMediaId ? "Replace logo" : "Choose logo"}
          </button>
          {logoMediaId ? (
            <button
              type="button"
              class="button button-small button-danger-quiet"
              onClick={() => onChange(null)}
            >
              Remove logo
            </button>
          ) : null}
        </div>
      </div>
      <p id="logo-hint" class="field-hint">
        Search engines show it with your articles. Use a PNG or JPEG at least 112 pixels square;
        without one, a generic newspaper mark is used.
      </p>
      {error ? <p class="field-error">{error}</p> : null}
      <MediaPicker
        open={picking}
        title="Choose the publisher logo"
        onPick={(item) => {
          setPicking(false);
          if (item) onChange(item.id);
        }}
      />
    </div>
  );
}

function SiteForm() {
  const loaded = useResource(() => settings.get(), []);
  const [draft, setDraft] = useState<SiteSettings | null>(null);
  const form = useSubmit();
  const { busy, problem } = form;
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data);
  }, [loaded.data]);
  if (loaded.error) return <Notice kind="error">{loaded.error.message}</Notice>;
  if (!draft)
    return (
      <p class="loading" role="status">
        Loading settings…
      </p>
    );
  return (
    <form
      class="form card"
      aria-labelledby="site-heading"
      onSubmit={form.onSubmit(
        async () => setDraft(await settings.update(draft)),
        "Settings saved. The site shows them now.",
      )}
    >
      <h2 id="site-heading">Publication</h2>
      <ProblemNotice problem={problem} />
      <Field label="Site name" error={form.issue("title")}>
        {(ids) => (
          <input
            {...ids}
            value={draft.title}
            onInput={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field label="Tagline" optional error={form.issue("tagline")}>
        {(ids) => (
          <input
            {...ids}
            value={draft.tagline}
            onInput={(e) => setDraft({ ...draft, tagline: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Language"
        hint="A language tag such as en or en-US; pages declare it for screen readers and search engines."
        error={form.issue("language")}
      >
        {(ids) => (
          <input
            {...ids}
            value={draft.language}
            spellcheck={false}
            onInput={(e) => setDraft({ ...draft, language: e.currentTarget.value })}
          />
        )}
      </Field>
      <Field
        label="Feeds carry"
        hint="What RSS, Atom and JSON feed readers get of each article."
        error={form.issue("feedContent")}
      >
        {(ids) => (
          <select
            {...ids}
            value={draft.feedContent}
            onChange={(e) =>
              setDraft({
                ...draft,
                feedContent: e.currentTarget.value === "excerpt" ? "excerpt" : "full",
              })
            }
          >
            <option value="full">The full article</option>
            <option value="excerpt">The dek and first paragraph, with a link</option>
          </select>
        )}
      </Field>
      <LogoField
        logoMediaId={draft.logoMediaId}
        error={form.issue("logoMediaId")}
        onChange={(logoMediaId) => setDraft({ ...draft, logoMediaId })}
      />
      <Field
        label="Comments close"
        hint="Readers can comment until then; comments already posted stay."
      >
        {(ids) => (
          <select
            {...ids}
            value={draft.commentsCloseAfterDays === null ? "never" : "after"}
            onChange={(e) =>
              setDraft({
                ...draft,
                commentsCloseAfterDays:
                  e.currentTarget.value === "never" ? null : (draft.commentsCloseAfterDays ?? 30),
              })
            }
          >
            <option value="never">Never</option>
            <option value="after">A number of days after publication</option>
          </select>
        )}
      </Field>
      {draft.commentsCloseAfterDays !== null ? (
        <Field label="Days comments stay open" error={form.issue("commentsCloseAfterDays")}>
          {(ids) => (
            <input
              {...ids}
              type="number"
              inputMode="numeric"
              min={1}
              max={3650}
              step={1}
              value={String(draft.commentsCloseAfterDays)}
              onInput={(e) => {
                // An empty or partial entry is sent as is, so the server names the problem.
                const n = e.currentTarget.valueAsNumber;
                setDraft({ ...draft, commentsCloseAfterDays: Number.isNaN(n) ? 0 : n });
              }}
            />
          )}
        </Field>
      ) : null}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={busy}>
          {busy ? "Saving…" : "Save settings"}
        </button>
      </div>
    </form>
  );
}

function NewKeyDialog({ user, onClose }: { user: SessionUser; onClose: () => void }) {
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("editor");
  const [permissions, setPermissions] = useState<Permission[]>([]);
  const form = useSubmit();
  const { problem } = form;
  const [secret, setSecret] = useState<string | null>(null);
  const grantable = (Object.keys(PERMISSIONS) as Permission[]).filter(
    (p) => can(role, p) && can(user.role, p),
  );
  return (
    <Dialog
      open
      title="New API key"
      description="For an integration (a newsletter tool, an importer). It acts with the role and permissions you give it."
      onClose={onClose}
      footer={
        secret ? (
          <button type="button" class="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <DialogActions form="key-form" label="Create key" busy={form.busy} onCancel={onClose} />
        )
      }
    >
      {secret ? (
        <Notice kind="success" title="Copy the key now" live>
          <p>
            It is shown only once. Send it as <code>Authorization: Bearer …</code>.
          </p>
          <input
            class="copy-field"
            readOnly
            value={secret}
            aria-label="API key"
            onFocus={(e) => e.currentTarget.select()}
          />
        </Notice>
      ) : (
        <form
          id="key-form"
          class="form"
          onSubmit={form.onSubmit(async () =>
            setSecret((await apiKeys.create({ name, role, permissions })).secret),
          )}
        >
          <ProblemNotice problem={problem} />
          <Field
            label="Name"
            hint="What uses it, e.g. Newsletter export"
            error={form.issue("name")}
          >
            {(ids) => (
              <input {...ids} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            )}
          </Field>
          <Field label="Role" error={form.issue("role")}>
            {(ids) => (
              <select
                {...ids}
                value={role}
                onChange={(e) => {
                  const next = e.currentTarget.value as Role;
                  setRole(next);
                  setPermissions(permissions.filter((p) => can(next, p)));
                }}
              >
                {ROLES.filter((r) => ROLES.indexOf(r) <= ROLES.indexOf(user.role)).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset class="fieldset">
            <legend>Permissions</legend>
            <p class="field-hint">
              Without <code>article.read.unpublished</code> the key sees published articles only: no
              drafts, articles in review, scheduled or unpublished ones, and no revisions.
            </p>
            {form.issue("permissions") ? (
              <p class="field-error">{form.issue("permissions")}</p>
            ) : null}
            <div class="checkbox-grid">
              {grantable.map((p) => (
                <label key={p} class="choice-inline">
                  <input
                    type="checkbox"
                    checked={permissions.includes(p)}
                    onChange={(e) =>
                      setPermissions(
                        e.currentTarget.checked
                          ? [...permissions, p]
                          : permissions.filter((x) => x !== p),
                      )
                    }
                  />
                  <code>{p}</code>
                </label>
              ))}
            </div>
          </fieldset>
        </form>
      )}
    </Dialog>
  );
}

function ApiKeys({ user }: { user: SessionUser }) {
  const list = useResource(() => apiKeys.list(), []);
  const [creating, setCreating] = useState(false);
  const active = (list.data ?? []).filter((k) => !k.revokedAt);
  return (
    <section class="card" aria-labelledby="keys-heading">
      <div class="card-header">
        <h2 id="keys-heading">API keys</h2>
        <button type="button" class="button button-small" onClick={() => setCreating(true)}>
          <Icon name="plus" size={16} />
          New key
        </button>
      </div>
      {list.error ? <Notice kind="error">{list.error.message}</Notice> : null}
      {list.data && active.length === 0 ? (
        <p class="field-hint">No keys. Integrations use one to call the admin API.</p>
      ) : null}
      {active.length > 0 ? (
        <table class="table table-compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Permissions</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((k) => (
              <tr key={k.id}>
                <td class="cell-title">
                  {k.name}
                  <span class="cell-sub">created {formatDate(k.createdAt)}</span>
                </td>
                <td>{ROLE_LABELS[k.role]}</td>
                <td>{k.permissions.join(", ")}</td>
                <td>{k.lastUsedAt ? formatDate(k.lastUsedAt) : "Never"}</td>
                <td>
                  <button
                    type="button"
                    class="button button-small button-danger-quiet"
                    onClick={async () => {
                      if (
                        !window.confirm(
                          `Revoke “${k.name}”? Whatever uses it stops working at once.`,
                        )
                      )
                        return;
                      try {
                        await apiKeys.revoke(k.id);
                        toast("Key revoked.");
                        void list.reload();
                      } catch (error) {
                        toast(formProblem(error).message, "error");
                      }
                    }}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {creating ? (
        <NewKeyDialog
          user={user}
          onClose={() => {
            setCreating(false);
            void list.reload();
          }}
        />
      ) : null}
    </section>
  );
}

/** The owner's settings: the publication's name and language, and API keys. */
export function SettingsScreen({ user }: { user: SessionUser }) {
  useTitle("Settings");
  return (
    <>
      <PageHeader title="Settings" />
      <div class="stack">
        <SiteForm />
        {can(user.role, "apikeys.manage") ? <ApiKeys user={user} /> : null}
      </div>
    </>
  );
}
