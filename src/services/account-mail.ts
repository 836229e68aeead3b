// Invitations and password-reset links sent by email (issue 15) when sending is on. The message
// is queued in the outbox inside the transaction that makes the link, not by a change-event
// consumer: an event would have to carry the token, and the change log is kept for a while,
// read by every instance and exported, while the one-time token must exist in plain text only
// in the message itself. See docs/EMAIL.md, "Staff notifications".
import type { Actor } from "../auth/actor.js";
import type { OneTimeLink } from "../auth/links.js";
import { mailDomain } from "../config.js";
import type { Role, User } from "../content/index.js";
import { invitationMessage, passwordResetMessage } from "../mail/staff-messages.js";
import { getSettings, getUserById, queueMail, type Store } from "../store/index.js";
import { type MailSettings, mailingOn } from "./staff-notifications.js";

/** A link as the services answer it: `sentTo` names the address it was mailed to, if any. */
export interface SentLink extends OneTimeLink {
  sentTo: string | null;
}

/** A date as a reader of the message reads it: "2026-12-09 16:05 UTC". */
function readableUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

/** Queues the invitation message in `tx` when sending is on; returns the link with `sentTo`. */
export async function mailInvitation(
  tx: Store,
  settings: MailSettings | undefined,
  actor: Actor,
  invitation: { email: string; role: Role; name?: string | null },
  link: OneTimeLink,
): Promise<SentLink> {
  if (!settings || !mailingOn(settings)) return { ...link, sentTo: null };
  const inviter = actor.userId ? await getUserById(tx, actor.userId) : undefined;
  const { title } = await getSettings(tx);
  const message = invitationMessage({
    publication: title,
    role: invitation.role,
    inviter: inviter?.name ?? null,
    url: link.url,
    expiresAt: readableUtc(link.expiresAt),
  });
  await queueMail(
    tx,
    [
      {
        kind: "invitation",
        to: { address: invitation.email, name: invitation.name ?? null },
        ...message,
      },
    ],
    mailDomain(settings),
  );
  return { ...link, sentTo: invitation.email };
}

/**
 * Queues a password link for `user` in `tx` when sending is on (`first`: an account made
 * without a password); returns the link with `sentTo`.
 */
export async function mailPasswordLink(
  tx: Store,
  settings: MailSettings | undefined,
  user: User,
  link: OneTimeLink,
  first: boolean,
): Promise<SentLink> {
  if (!settings || !mailingOn(settings)) return { ...link, sentTo: null };
  const { title } = await getSettings(tx);
  const message = passwordResetMessage({
    publication: title,
    name: user.name,
    url: link.url,
    expiresAt: readableUtc(link.expiresAt),
    first,
  });
  await queueMail(
    tx,
    [
      {
        kind: "password_reset",
        to: { address: user.email, name: user.name },
        ...message,
        userId: user.id,
      },
    ],
    mailDomain(settings),
  );
  return { ...link, sentTo: user.email };
}
