import {
  cleanStrings,
  DEFAULT_SETTINGS,
  parseOrThrow,
  type SiteSettings,
  type SiteSettingsInput,
  SiteSettingsSchema,
} from "../content/index.js";
import { nowIso } from "./columns.js";
import { adapterFor } from "./dialect/index.js";
import type { Store } from "./store.js";

const KEY = "site";

/** The publication's settings; DEFAULT_SETTINGS until an owner saves some. */
export async function getSettings(store: Store): Promise<SiteSettings> {
  const row = await store.db
    .selectFrom("settings")
    .select("value")
    .where("key", "=", KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_SETTINGS;
  // Cleaned first: SQLite kept control characters before the text policy (content/text.ts)
  // refused them, and every page reads these settings.
  const stored = cleanStrings(
    adapterFor(store.dialect).readJson(row.value),
  ) as Partial<SiteSettings>;
  // Parsed over the defaults so a setting added in a later release has a value for old rows.
  return parseOrThrow(SiteSettingsSchema, { ...DEFAULT_SETTINGS, ...stored }, "stored settings");
}

/** Replaces the publication's settings. Throws ContentInvalidError. */
export async function updateSettings(
  store: Store,
  input: SiteSettingsInput,
): Promise<SiteSettings> {
  const settings = parseOrThrow(SiteSettingsSchema, input, "settings");
  const value = JSON.stringify(settings);
  const updatedAt = nowIso();
  await store.db
    .insertInto("settings")
    .values({ key: KEY, value, updated_at: updatedAt })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: updatedAt }))
    .execute();
  return settings;
}
