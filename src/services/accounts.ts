// Managing staff accounts (an owner's job, in the admin app or with `masthead user`): creating
// them, inviting people, changing role, name, byline or whether an account may sign in, and
// making the one-time link that lets its holder choose a new password. The mechanics (hashing,
// tokens, the links' addresses) are src/auth's.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type Invitation,
  InvitationSchema,
  newOneTimeLink,
  type OneTimeLink,
} from "../auth/links.js";
import { hashPassword } from "../auth/password.js";
import { INVITE_TTL_MS, NEW_ACCOUNT_LINK_TTL_MS, RESET_TTL_MS } from "../auth/policy.js";
import {
  type ChangeEvent,
  ConflictError,
  forbidden,
  NotFoundError,
  PasswordSchema,
  parseOrThrow,
  type User,
  type UserInput,
  UserInputSchema,
} from "../content/index.js";
import {
  createOneTimeToken,
  createUser,
  getUserByEmail,
  getUserById,
  listUsers,
  recordChanges,
  type Store,
  transact,
  type UserChange,
  updateUser,
  voidUnusedTokens,
} from "../store/index.js";
import { mailInvitation, mailPasswordLink, type SentLink } from "./account-mail.js";
import { changedOutOfSight } from "./change-events.js";
import type { MailSettings } from "./staff-notifications.js";

/**
 * What the account services need: the database, the public address links start with, and how
 * mail is sent (links are mailed too when sending is on; without it they are only returned).
 */
export interface AccountsDeps {
  store: Store;
  publicUrl: string;
  mail?: MailSettings["mail"];
}

/** A new account: the fields of a user, and a password or none (a link is made instead). */
export type NewAccount = UserInput & { password?: string };

/** An account just made, with the link its holder sets a password at when none was given. */
export interface CreatedAccount {
  user: User;
  setPasswordLink: SentLink | null;
}

/**
 * The event of a write to an account (or to what hangs off it: sessions, links, API keys). No
 * public page shows accounts; `change` says what happened, for consumers that log or notify.
 */
export function accountChanged(ids: ChangeEvent["ids"], change: string): ChangeEvent {
  return { ...changedOutOfSight("account.changed", ids), data: { change } };
}

/** Every account, by name. Needs users.manage. */
export async function listAccounts(deps: { store: Store }, actor: Actor): Promise<User[]> {
  mayManage(actor, "list accounts");
  return listUsers(deps.store);
}

/** One account. Needs users.manage; throws NotFoundError. */
export async function getAccount(deps: { store: Store }, actor: Actor, id: string): Promise<User> {
  mayManage(actor, "read accounts");
  const user = await getUserById(deps.store, id);
  if (!user) throw new NotFoundError("user", id);
  return user;
}

/**
 * Creates an account, with the given password or, without one, a set-password link (valid
 * NEW_ACCOUNT_LINK_TTL_MS). Needs users.manage; throws ContentInvalidError or ConflictError.
 */
export async function createAccount(
  deps: AccountsDeps,
  actor: Actor,
  input: NewAccount,
): Promise<CreatedAccount> {
  mayManage(actor, "create accounts");
  const { password, ...fields } = parseOrThrow(
    UserInputSchema.extend({ password: PasswordSchema.optional() }),
    input,
    "account",
  );
  // Hashed before the transaction opens: SQLite holds its write lock for the transaction's length.
  const passwordHash = password === undefined ? null : await hashPassword(password);
  return transact(deps.store, async (tx) => {
    const user = await createUser(tx, fields, passwordHash);
    const setPasswordLink =
      passwordHash === null
        ? await mailPasswordLink(
            tx,
            mailSettings(deps),
            user,
            await storeResetLink(tx, deps.publicUrl, user.id, actor, NEW_ACCOUNT_LINK_TTL_MS),
            true,
          )
        : null;
    await recordChanges(tx, [accountChanged({ userId: user.id }, "created")]);
    return { user, setPasswordLink };
  });
}

/**
 * Changes an account's name, role, byline or disabled state; disabling ends its sessions and
 * revokes the preview links it shared. Needs users.manage; throws NotFoundError,
 * ContentInvalidError, or LastOwnerError when no active owner would be left.
 */
export async function changeAccount(
  deps: { store: Store },
  actor: Actor,
  id: string,
  change: UserChange,
): Promise<User> {
  mayManage(actor, "change accounts");
  return transact(deps.store, async (tx) => {
    const user = await updateUser(tx, id, change);
    const what =
      change.disabled === true ? "disabled" : change.disabled === false ? "enabled" : "updated";
    await recordChanges(tx, [accountChanged({ userId: id }, what)]);
    return user;
  });
}

/**
 * A one-time invitation link (valid INVITE_TTL_MS): its holder chooses name and password and gets
 * an account with the invited role. Mailed to the invitee when sending is on (`sentTo`). Needs
 * users.manage; throws ContentInvalidError or ConflictError when the email has an account already.
 */
export async function inviteAccount(
  deps: AccountsDeps,
  actor: Actor,
  input: Invitation,
): Promise<SentLink> {
  mayManage(actor, "invite people");
  const invitation = parseOrThrow(InvitationSchema, input, "invitation");
  return transact(deps.store, async (tx) => {
    if (await getUserByEmail(tx, invitation.email))
      throw new ConflictError("account", "email", invitation.email);
    const { link, tokenHash } = newOneTimeLink(deps.publicUrl, "invite", INVITE_TTL_MS);
    await createOneTimeToken(tx, {
      tokenHash,
      kind: "invite",
      email: invitation.email,
      role: invitation.role,
      name: invitation.name ?? null,
      createdBy: actor.userId,
      expiresAt: link.expiresAt,
    });
    await recordChanges(tx, [accountChanged({}, "invited")]);
    return mailInvitation(tx, mailSettings(deps), actor, invitation, link);
  });
}

/**
 * A one-time password-reset link (valid RESET_TTL_MS) for the account with this id or email;
 * its earlier reset links stop working. Mailed to the account's address when sending is on
 * (`sentTo`). Needs users.manage; throws NotFoundError.
 */
export async function makeResetLink(
  deps: AccountsDeps,
  actor: Actor,
  who: { id: string } | { email: string },
): Promise<{ user: User; link: SentLink }> {
  mayManage(actor, "make password-reset links");
  return transact(deps.store, async (tx) => {
    const user = "id" in who ? await getUserById(tx, who.id) : await getUserByEmail(tx, who.email);
    if (!user)
      throw "id" in who
        ? new NotFoundError("user", who.id)
        : new NotFoundError("account", who.email, "email");
    const made = await storeResetLink(tx, deps.publicUrl, user.id, actor, RESET_TTL_MS);
    await recordChanges(tx, [accountChanged({ userId: user.id }, "reset_link_made")]);
    const link = await mailPasswordLink(tx, mailSettings(deps), user, made, false);
    return { user, link };
  });
}

/** Makes and stores a reset link for `userId`, voiding its unused ones, inside `tx`. */
async function storeResetLink(
  tx: Store,
  publicUrl: string,
  userId: string,
  actor: Actor,
  ttlMs: number,
): Promise<OneTimeLink> {
  const { link, tokenHash } = newOneTimeLink(publicUrl, "reset", ttlMs);
  await voidUnusedTokens(tx, userId, "reset");
  await createOneTimeToken(tx, {
    tokenHash,
    kind: "reset",
    userId,
    createdBy: actor.userId,
    expiresAt: link.expiresAt,
  });
  return link;
}

/** The mail settings of `deps`, when it has them. */
function mailSettings(deps: AccountsDeps): MailSettings | undefined {
  return deps.mail ? { publicUrl: deps.publicUrl, mail: deps.mail } : undefined;
}

function mayManage(actor: Actor, what: string): void {
  if (!actorCan(actor, "users.manage")) throw forbidden(what);
}
