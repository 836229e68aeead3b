import type { Config } from "../../config.js";
import type { ImagePool } from "../../media/index.js";
import type { ImportService } from "../../services/import-runs.js";
import type { Store } from "../../store/reads.js";
import type { UploadSlots } from "./upload-limits.js";

/** What every admin route may use; assembled once by server.ts. */
export interface AdminDeps {
  store: Store;
  config: Config;
  /** Imports started from the admin app, run in a worker by this process. */
  imports: ImportService;
  /** The image worker processes that turn uploads into renditions. */
  images: ImagePool;
  /** Each account's uploads in progress (UPLOADS_AT_ONCE_PER_ACCOUNT). */
  uploadSlots: UploadSlots;
}
