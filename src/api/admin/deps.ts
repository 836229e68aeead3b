import type { Config } from "../../config.js";
import type { ImportService } from "../../services/import-runs.js";
import type { PageCache } from "../../site/index.js";
import type { Store } from "../../store/index.js";

/** What every admin route may use; assembled once by server.ts. */
export interface AdminDeps {
  store: Store;
  config: Config;
  /** The public site's page cache, invalidated when content changes. */
  pageCache: PageCache;
  /** Imports started from the admin app, run in a worker by this process. */
  imports: ImportService;
}
