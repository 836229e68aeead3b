// Each person's staff notification switches (issue 15): which kinds of message they get. A
// person sees and sets only the kinds their role receives; no row means on.
import { z } from "zod";
import type { Actor } from "../auth/actor.js";
import {
  forbiddenBecause,
  NOTIFICATION_KINDS,
  NOTIFICATION_LABELS,
  type NotificationKind,
  notificationKindsFor,
  parseOrThrow,
} from "../content/index.js";
import {
  getNotificationSwitches,
  recordChanges,
  type Store,
  setNotificationSwitches,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";
import { type MailSettings, mailingOn } from "./staff-notifications.js";

/** What PUT /me/notifications takes: `{ switches: { <kind>: true|false } }`. */
export const NotificationSwitchesSchema = z
  .object({
    switches: z.partialRecord(z.enum(NOTIFICATION_KINDS), z.boolean()),
  })
  .strict();
export type NotificationSwitchesInput = z.input<typeof NotificationSwitchesSchema>;

/** One kind as the admin app shows it. */
export interface NotificationSwitchView {
  kind: NotificationKind;
  label: string;
  enabled: boolean;
}

/** A person's switches, and whether this site sends email at all. */
export interface OwnNotifications {
  sending: boolean;
  items: NotificationSwitchView[];
}

/** The signed-in person's switches for the kinds their role receives. */
export async function getOwnNotifications(
  deps: { store: Store; config: MailSettings },
  actor: Actor,
): Promise<OwnNotifications> {
  const userId = ownAccount(actor);
  const saved = await getNotificationSwitches(deps.store, userId);
  return {
    sending: mailingOn(deps.config),
    items: notificationKindsFor(actor.role).map((kind) => ({
      kind,
      label: NOTIFICATION_LABELS[kind],
      enabled: saved.get(kind) ?? true,
    })),
  };
}

/**
 * Sets the signed-in person's switches. A kind their role does not receive is refused
 * (ContentInvalidError), so nobody stores switches that would mean nothing.
 */
export async function saveOwnNotifications(
  deps: { store: Store; config: MailSettings },
  actor: Actor,
  input: NotificationSwitchesInput,
): Promise<OwnNotifications> {
  const userId = ownAccount(actor);
  const allowed = new Set(notificationKindsFor(actor.role));
  const RoleSchema = NotificationSwitchesSchema.superRefine((value, ctx) => {
    for (const kind of Object.keys(value.switches))
      if (!allowed.has(kind as NotificationKind))
        ctx.addIssue({
          code: "custom",
          path: ["switches", kind],
          message: `your role (${actor.role}) does not receive ${kind} notifications`,
        });
  });
  const { switches } = parseOrThrow(RoleSchema, input, "notifications");
  await transact(deps.store, async (tx) => {
    await setNotificationSwitches(
      tx,
      userId,
      new Map(Object.entries(switches) as [NotificationKind, boolean][]),
    );
    await recordChanges(tx, [accountChanged({ userId }, "notifications_changed")]);
  });
  return getOwnNotifications(deps, actor);
}

function ownAccount(actor: Actor): string {
  if (actor.kind !== "user")
    throw forbiddenBecause("only a signed-in person has notification switches; sign in");
  return actor.userId;
}
