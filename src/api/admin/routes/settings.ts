// The publication's settings (title, tagline, language). See docs/ADMIN_API.md, "Settings".

import { SiteSettingsSchema } from "../../../content/index.js";
import { saveSettings } from "../../../services/settings.js";
import { getSettings } from "../../../store/reads.js";
import { type AdminRoute, route } from "../route.js";

export const SETTINGS_ROUTES = [
  route({
    method: "GET",
    url: "/settings",
    permission: "settings.manage",
    does: "read the site settings",
    async handler({ deps }) {
      return getSettings(deps.store);
    },
  }),
  route({
    method: "PUT",
    url: "/settings",
    permission: "settings.manage",
    does: "change the site settings",
    body: SiteSettingsSchema,
    bodyLimit: 16 * 1024,
    async handler({ actor, body, deps: { store } }) {
      return saveSettings({ store }, actor, body);
    },
  }),
] as AdminRoute<never, never, never>[];
