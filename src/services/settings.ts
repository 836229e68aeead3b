// The publication's settings (title, tagline, language…), which every page shows.
import { type Actor, actorCan } from "../auth/actor.js";
import { forbidden, type SiteSettings, type SiteSettingsInput } from "../content/index.js";
import { recordChanges, type Store, transact, updateSettings } from "../store/index.js";
import { changedEverywhere } from "./change-events.js";

/** Replaces the publication's settings. Throws MH_FORBIDDEN or ContentInvalidError. */
export async function saveSettings(
  deps: { store: Store },
  actor: Actor,
  input: SiteSettingsInput,
): Promise<SiteSettings> {
  if (!actorCan(actor, "settings.manage")) throw forbidden("change the site settings");
  return transact(deps.store, async (tx) => {
    const settings = await updateSettings(tx, input);
    await recordChanges(tx, [changedEverywhere("settings.updated")]);
    return settings;
  });
}
