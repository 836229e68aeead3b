import type { Config } from "../config.js";
import type { MediaItem, Section, SiteSettings } from "../content/index.js";

/** What every page needs besides its own data: publication settings, config and the section nav. */
export interface SiteContext {
  settings: SiteSettings;
  config: Config;
  /** All sections; the top-level ones form the navigation. */
  sections: readonly Section[];
  /** The publisher logo named by `settings.logoMediaId`, when it exists (structured data, feeds). */
  logo?: MediaItem;
}
