// The old site's name and language, for a publication that has not been named yet: what a
// publisher moving in expects to see on the first page after the import.
import { DEFAULT_SETTINGS } from "../../content/index.js";
import { getSettings, type Store, updateSettings } from "../../store/index.js";
import type { ImportReport } from "../report.js";
import type { WxrSite } from "./records.js";

/**
 * Takes the export's site title and language when the publication still has the default title;
 * an owner's own settings are never replaced.
 */
export async function adoptSiteSettings(
  store: Store,
  site: Pick<WxrSite, "title" | "language" | "link">,
  report: ImportReport,
  dryRun: boolean,
): Promise<void> {
  const current = await getSettings(store);
  const title = site.title.trim().slice(0, 120);
  if (current.title !== DEFAULT_SETTINGS.title || title === "") return;
  const [lang, region] = site.language.trim().replace("_", "-").split("-");
  const language =
    lang && /^[a-z]{2,3}$/i.test(lang)
      ? `${lang.toLowerCase()}${region && /^[a-z]{2}$/i.test(region) ? `-${region.toUpperCase()}` : ""}`
      : current.language;
  if (!dryRun) await updateSettings(store, { ...current, title, language });
  report.notes.push({
    kind: "site",
    id: site.link,
    title,
    reason: `the publication is named '${title}' (language ${language}) as the old site was; change it under Settings`,
  });
}
