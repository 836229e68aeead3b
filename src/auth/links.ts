// One-time links (an invitation, a password reset): what an invitation says, and how a link is
// made. Only the hash of a link's token is stored; the services that make and use links
// (src/services/accounts.ts, account-links.ts) decide what the link does.
import { z } from "zod";
import { RoleSchema, textField, UserInputSchema } from "../content/index.js";
import { hashToken, newToken } from "./tokens.js";

/** A one-time link to hand to a person (no email is sent: the owner passes it on). */
export interface OneTimeLink {
  url: string;
  expiresAt: string;
}

/** What an invitation says: who is invited, with which role, and the name to suggest. */
export const InvitationSchema = z
  .object({
    email: UserInputSchema.shape.email,
    role: RoleSchema,
    name: textField().trim().min(1, "name must not be empty").max(120).optional(),
  })
  .strict();
export type Invitation = z.input<typeof InvitationSchema>;

/** The admin app's screen each kind of link opens. */
const LINK_PATHS = { invite: "/admin/accept", reset: "/admin/reset" } as const;

/**
 * A new link of `kind`, valid for `ttlMs`: the link to hand over (its token is known only there)
 * and the token's hash, the one thing to store.
 */
export function newOneTimeLink(
  publicUrl: string,
  kind: keyof typeof LINK_PATHS,
  ttlMs: number,
  now = Date.now(),
): { link: OneTimeLink; tokenHash: string } {
  const token = newToken();
  return {
    link: {
      url: `${publicUrl}${LINK_PATHS[kind]}?token=${token}`,
      expiresAt: new Date(now + ttlMs).toISOString(),
    },
    tokenHash: hashToken(token),
  };
}
