// The signed-in person's staff notification switches (issue 15). See docs/ADMIN_API.md,
// "Accounts and sessions".
import {
  getOwnNotifications,
  NotificationSwitchesSchema,
  saveOwnNotifications,
} from "../../../services/notification-settings.js";
import { type AdminRoute, route } from "../route.js";

const SMALL_BODY = 16 * 1024;

export const OWN_NOTIFICATION_ROUTES = [
  route({
    method: "GET",
    url: "/me/notifications",
    permission: "signed-in",
    does: "read your notification switches",
    async handler({ actor, deps }) {
      return getOwnNotifications(deps, actor);
    },
  }),
  route({
    method: "PUT",
    url: "/me/notifications",
    permission: "signed-in",
    does: "set your notification switches",
    body: NotificationSwitchesSchema,
    bodyLimit: SMALL_BODY,
    async handler({ body, actor, deps }) {
      return saveOwnNotifications(deps, actor, body);
    },
  }),
] as AdminRoute<never, never, never>[];
