import { useState } from "preact/hooks";
import { ROLES, type Role } from "../../content/index.js";
import { Dialog, DialogActions } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Icon } from "../components/icons.js";
import { Notice, ProblemNotice } from "../components/notice.js";
import { PageHeader, ROLE_LABELS } from "../components/shell.js";
import { formProblem } from "../lib/errors.js";
import { formatDate, formatDateTime, plural } from "../lib/format.js";
import { refreshReference, useReference } from "../lib/reference.js";
import { type AdminUser, me, type OneTimeLink, users } from "../lib/resources.js";
import type { SessionUser } from "../lib/session.js";
import { useTitle } from "../lib/title.js";
import { toast } from "../lib/toast.js";
import { useResource } from "../lib/use-resource.js";
import { useSubmit } from "../lib/use-submit.js";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  contributor: "Writes drafts and sends them for review; cannot publish.",
  author: "Publishes their own articles.",
  editor: "Edits and publishes everything; manages people, sections and trackers.",
  owner: "Everything, plus users and the site's settings.",
};

function LinkResult({ link, what }: { link: OneTimeLink; what: string }) {
  return (
    <Notice kind="success" title={link.sentTo ? `${what} sent` : `${what} link ready`} live>
      {link.sentTo ? (
        <p>
          Sent to <strong>{link.sentTo}</strong>. You can also pass this link on yourself; it works
          once, until {formatDateTime(link.expiresAt)}.
        </p>
      ) : (
        <p>Send this link to them. It works once, until {formatDateTime(link.expiresAt)}.</p>
      )}
      <input
        class="copy-field"
        readOnly
        value={link.url}
        aria-label={`${what} link`}
        onFocus={(e) => e.currentTarget.select()}
      />
    </Notice>
  );
}

function InviteDialog({ onClose }: { onClose: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("author");
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const form = useSubmit();
  const { busy, problem } = form;
  // Whether this site sends email decides what the invitation does; the notification switches
  // are the one answer every signed-in person may read that says so.
  const mail = useResource(() => me.notifications(), []);
  return (
    <Dialog
      open
      title="Invite someone"
      description={
        mail.data?.sending === false
          ? "This site sends no email (no MASTHEAD_SMTP_URL): you get a link to pass on."
          : mail.data?.sending
            ? "We email them the invitation link, and you get the link too."
            : "You get a link to pass on."
      }
      onClose={onClose}
      footer={
        link ? (
          <button type="button" class="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <DialogActions
            form="invite-form"
            label="Create invitation"
            busy={busy}
            onCancel={onClose}
          />
        )
      }
    >
      {link ? (
        <LinkResult link={link} what="Invitation" />
      ) : (
        <form
          id="invite-form"
          class="form"
          onSubmit={form.onSubmit(async () =>
            setLink(
              await users.invite({
                email: email.trim(),
                role,
                ...(name.trim() ? { name: name.trim() } : {}),
              }),
            ),
          )}
        >
          <ProblemNotice problem={problem} />
          <Field label="Email" error={form.issue("email")}>
            {(ids) => (
              <input
                {...ids}
                type="email"
                required
                value={email}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label="Name"
            optional
            hint="Suggested when they accept, and signs their articles. An imported author of exactly this name becomes their byline."
            error={form.issue("name")}
          >
            {(ids) => (
              <input {...ids} value={name} onInput={(e) => setName(e.currentTarget.value)} />
            )}
          </Field>
          <fieldset class="fieldset choice-list">
            <legend>Role</legend>
            {ROLES.map((r) => (
              <label key={r} class="choice">
                <input
                  type="radio"
                  name="invite-role"
                  value={r}
                  checked={role === r}
                  onChange={() => setRole(r)}
                />
                <span>
                  <strong>{ROLE_LABELS[r]}</strong>
                  <span class="choice-hint">{ROLE_DESCRIPTIONS[r]}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </form>
      )}
    </Dialog>
  );
}

function UserRow({
  account,
  me,
  onChanged,
  onLink,
}: {
  account: AdminUser;
  me: SessionUser;
  onChanged: () => void;
  onLink: (link: OneTimeLink) => void;
}) {
  const ref = useReference();
  const [busy, setBusy] = useState(false);
  const self = account.id === me.id;
  const apply = async (change: Parameters<typeof users.update>[1], done: string) => {
    setBusy(true);
    try {
      await users.update(account.id, change);
      toast(done);
      onChanged();
    } catch (error) {
      toast(formProblem(error).message, "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr class={account.disabledAt ? "row-disabled" : undefined}>
      <td class="cell-title">
        {account.name}
        {self ? " (you)" : ""}
        <span class="cell-sub">{account.email}</span>
      </td>
      <td>
        <label class="visually-hidden" for={`role-${account.id}`}>
          Role of {account.name}
        </label>
        <select
          id={`role-${account.id}`}
          value={account.role}
          disabled={busy || self}
          onChange={(e) =>
            void apply(
              { role: e.currentTarget.value as Role },
              `${account.name} is now ${ROLE_LABELS[e.currentTarget.value as Role].toLowerCase()}.`,
            )
          }
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label class="visually-hidden" for={`person-${account.id}`}>
          Byline of {account.name}
        </label>
        <select
          id={`person-${account.id}`}
          value={account.personId ?? ""}
          disabled={busy}
          onChange={(e) => void apply({ personId: e.currentTarget.value || null }, "Byline saved.")}
        >
          <option value="">No byline</option>
          {ref.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {account.personId ? null : (
          <span class="byline-missing">
            <span class="badge badge-warning">No byline</span>
            <button
              type="button"
              class="button button-small"
              disabled={busy}
              aria-label={`Create a byline for ${account.name}`}
              onClick={async () => {
                setBusy(true);
                try {
                  const { person } = await users.makeByline(account.id);
                  await refreshReference();
                  toast(`${account.name} now writes as ${person.name}.`);
                  onChanged();
                } catch (error) {
                  toast(formProblem(error).message, "error");
                } finally {
                  setBusy(false);
                }
              }}
            >
              Create byline
            </button>
          </span>
        )}
      </td>
      <td>
        {account.disabledAt
          ? `Disabled ${formatDate(account.disabledAt)}`
          : `Since ${formatDate(account.createdAt)}`}
      </td>
      <td>
        <div class="cell-actions">
          <button
            type="button"
            class="button button-small"
            disabled={busy}
            onClick={async () => {
              try {
                onLink(await users.resetLink(account.id));
              } catch (error) {
                toast(formProblem(error).message, "error");
              }
            }}
          >
            Reset link
          </button>
          {!self ? (
            <button
              type="button"
              class={`button button-small ${account.disabledAt ? "" : "button-danger-quiet"}`}
              disabled={busy}
              onClick={() =>
                void apply(
                  { disabled: !account.disabledAt },
                  account.disabledAt ? "Account enabled." : "Account disabled; its sessions ended.",
                )
              }
            >
              {account.disabledAt ? "Enable" : "Disable"}
            </button>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

/** Accounts: invite, change roles, link bylines, disable, make password-reset links. */
export function UsersScreen({ user }: { user: SessionUser }) {
  useTitle("Users");
  const list = useResource(() => users.list(), []);
  const [inviting, setInviting] = useState(false);
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const withoutByline = (list.data ?? []).filter((u) => !u.personId && !u.disabledAt);
  return (
    <>
      <PageHeader
        title="Users"
        intro="Who can sign in, and what each may do."
        actions={
          <button type="button" class="button button-primary" onClick={() => setInviting(true)}>
            <Icon name="plus" />
            Invite someone
          </button>
        }
      />
      {link ? <LinkResult link={link} what="Password reset" /> : null}
      {withoutByline.length > 0 ? (
        <Notice
          kind="warning"
          title={`${plural(withoutByline.length, "account")} without a byline`}
        >
          <p>
            {withoutByline.map((u) => u.name).join(", ")} cannot be named as the author of their own
            articles until they have one: create it below, or pick the person they write as.
          </p>
        </Notice>
      ) : null}
      {list.error ? (
        <Notice kind="error" live>
          {list.error.message}
        </Notice>
      ) : null}
      {!list.data ? (
        <p class="loading" role="status">
          Loading accounts…
        </p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Role</th>
              <th scope="col">Byline</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((u) => (
              <UserRow
                key={u.id}
                account={u}
                me={user}
                onChanged={() => void list.reload()}
                onLink={setLink}
              />
            ))}
          </tbody>
        </table>
      )}
      <details class="role-help">
        <summary>What each role may do</summary>
        <dl>
          {ROLES.map((r) => (
            <div key={r}>
              <dt>{ROLE_LABELS[r]}</dt>
              <dd>{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </details>
      {inviting ? (
        <InviteDialog
          onClose={() => {
            setInviting(false);
            void list.reload();
          }}
        />
      ) : null}
    </>
  );
}
