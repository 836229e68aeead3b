import type { Dialect } from "../dialect/index.js";
import type { SearchAdapter } from "./adapter.js";
import { postgresSearch } from "./postgres.js";
import { sqliteSearch } from "./sqlite.js";

export {
  DOC_KEY_SLOTS,
  docKeyFloor,
  type MatchedArticle,
  type RankedMatch,
  type SearchAdapter,
  type SearchFilter,
  sectionKey,
} from "./adapter.js";

/** The full-text search of a database. */
export function searchAdapterFor(dialect: Dialect): SearchAdapter {
  return dialect === "sqlite" ? sqliteSearch : postgresSearch;
}
