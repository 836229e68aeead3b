// The content endpoints (articles and their workflow, people, sections, tags, trackers,
// comments), gathered so the admin plugin registers them with one line.
import type { AdminRoute } from "../route.js";
import { ARTICLE_NOTE_ROUTES } from "./article-notes.js";
import { ARTICLE_REVISION_ROUTES } from "./article-revisions.js";
import { ARTICLE_ROUTES } from "./articles.js";
import { COMMENT_ROUTES } from "./comments.js";
import { LIVE_UPDATE_ROUTES } from "./live-updates.js";
import { PEOPLE_ROUTES } from "./people.js";
import { SECTION_ROUTES } from "./sections.js";
import { TAG_ROUTES } from "./tags.js";
import { TAXONOMY_MERGE_ROUTES } from "./taxonomy-merge.js";
import { TRACKER_ROUTES } from "./trackers.js";

/** Every content endpoint, for the admin API's ROUTES. */
export const CONTENT_ROUTES = [
  ...ARTICLE_ROUTES,
  ...ARTICLE_REVISION_ROUTES,
  ...ARTICLE_NOTE_ROUTES,
  ...LIVE_UPDATE_ROUTES,
  ...PEOPLE_ROUTES,
  ...SECTION_ROUTES,
  ...TAG_ROUTES,
  ...TRACKER_ROUTES,
  ...TAXONOMY_MERGE_ROUTES,
  ...COMMENT_ROUTES,
] as AdminRoute<never, never, never>[];
