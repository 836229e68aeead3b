// A commenter confirms their email address (issue 15, point 6): after a held comment they may
// ask for a message with a link; its page's POST (from any browser: the link is the proof)
// makes the commenter token of the browser that asked trusted, as a moderator's approval of one
// of their comments does. Only the token's SHA-256 is stored; the token is in the message alone.
// See docs/EMAIL.md, "Commenter verification".
import { hashToken, newToken } from "../auth/tokens.js";
import { mailDomain } from "../config.js";
import { COMMENTER_CONFIRM_INTERVAL_MS, COMMENTER_CONFIRM_TTL_MS } from "../content/index.js";
import { commenterConfirmPath } from "../content/public-paths.js";
import { commenterVerifyMessage } from "../mail/staff-messages.js";
import {
  addCommenterConfirmation,
  confirmCommenterEmail,
  getCommenterConfirmation,
  getSettings,
  lastConfirmationAskedAt,
  queueMail,
  type Store,
  transact,
} from "../store/index.js";
import { type MailSettings, mailingOn } from "./staff-notifications.js";

/**
 * What asking gave: `sent` (queued), `wait` (one was asked from this commenter less than
 * COMMENTER_CONFIRM_INTERVAL_MS ago), `off` (this site sends no email).
 */
export type ConfirmationAsked = "sent" | "wait" | "off";

/** The link of a confirmation token. */
export function commenterConfirmUrl(publicUrl: string, token: string): string {
  return `${publicUrl}${commenterConfirmPath()}?t=${encodeURIComponent(token)}`;
}

/**
 * Queues a confirmation message to `email` for the commenter `commenterHash` (the hash of the
 * id their signed cookie carries), at most one per commenter and per address per ten minutes.
 */
export async function askCommenterConfirmation(
  deps: { store: Store; config: MailSettings },
  ask: { commenterHash: string; email: string },
  now = new Date(),
): Promise<ConfirmationAsked> {
  if (!mailingOn(deps.config)) return "off";
  const email = ask.email.trim();
  return transact(deps.store, async (tx) => {
    const last = await lastConfirmationAskedAt(tx, ask.commenterHash, email);
    if (last && now.getTime() - last.getTime() < COMMENTER_CONFIRM_INTERVAL_MS) return "wait";
    const token = newToken();
    const expiresAt = new Date(now.getTime() + COMMENTER_CONFIRM_TTL_MS).toISOString();
    await addCommenterConfirmation(tx, {
      tokenHash: hashToken(token),
      commenterHash: ask.commenterHash,
      email,
      expiresAt,
    });
    const { title } = await getSettings(tx);
    const message = commenterVerifyMessage({
      publication: title,
      url: commenterConfirmUrl(deps.config.publicUrl, token),
      expiresAt: `${expiresAt.slice(0, 16).replace("T", " ")} UTC`,
    });
    await queueMail(
      tx,
      [{ kind: "comment_verify", to: { address: email }, ...message }],
      mailDomain(deps.config),
    );
    return "sent";
  });
}

/** What a confirmation link is now: usable, already used, expired, or unknown (tampered). */
export type ConfirmationState = "usable" | "used" | "expired" | "unknown";

/** Looks at a link's token without changing anything (the page a link opens). */
export async function commenterConfirmationState(
  deps: { store: Store },
  token: string,
  now = new Date(),
): Promise<ConfirmationState> {
  if (token === "" || token.length > 200) return "unknown";
  const found = await getCommenterConfirmation(deps.store, hashToken(token));
  if (!found) return "unknown";
  if (found.confirmedAt !== null) return "used";
  if (new Date(found.expiresAt).getTime() <= now.getTime()) return "expired";
  return "usable";
}

/**
 * Confirms the address of a link's token (the page's POST): once, before it expires. Returns
 * "confirmed", or why not (used, expired, unknown).
 */
export async function confirmCommenterToken(
  deps: { store: Store },
  token: string,
  now = new Date(),
): Promise<"confirmed" | Exclude<ConfirmationState, "usable">> {
  const state = await commenterConfirmationState(deps, token, now);
  if (state !== "usable") return state;
  // Two clicks at once: the conditional UPDATE lets one through, the other reads "used".
  return (await confirmCommenterEmail(deps.store, hashToken(token), now)) ? "confirmed" : "used";
}
