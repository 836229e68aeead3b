// The public site's API for the rest of the app (server.ts, admin API, benchmarks).
import type { Config } from "../config.js";
import type { Store } from "../store/reads.js";
import type { SiteContext } from "./context.js";
import { loadContext } from "./routes/respond.js";

export type { SiteContext } from "./context.js";
export {
  type CachedPage,
  createPageCache,
  etagOf,
  type PageCache,
  type PageCacheOptions,
} from "./page-cache.js";
export { type ArticleRenderContext, renderArticlePage } from "./pages/article.js";
export { type SitePluginOptions, sitePlugin } from "./plugin.js";
export { createBeaconFastPath, type FastPath } from "./routes/beacon-fast-path.js";
export { SITE_CSP_DIRECTIVES } from "./security-policy.js";
export { createBeaconServices } from "./views/beacon.js";
export { shouldCountView, type ViewDecision, type ViewRequest } from "./views/should-count.js";
export type { ViewSettings } from "./views/view-counter.js";
export { viewCounterConsumer } from "./views/view-counter-consumer.js";

/** Loads what every page's shell needs (settings and sections), e.g. to time renderArticlePage. */
export function loadSiteContext(store: Store, config: Config): Promise<SiteContext> {
  return loadContext({ store, config });
}
export { liveUpdatesConsumer } from "./live/consumer.js";
export { createLiveHub, type LiveHub } from "./live/hub.js";
export { pageCacheConsumer } from "./page-cache-consumer.js";
