// The admin API's answers as the app receives them, taken from the API's own answer builders and
// schemas rather than declared again here: when a route's answer changes, the app's type changes
// with it and `tsc` points at every screen that must follow. Type-only imports: they are erased
// before bundling, so no server code reaches the browser (dependency-cruiser allows exactly these).

import type { z } from "zod";
import type { articleAnswer, checklistAnswer } from "../../api/admin/routes/article-json.js";
import type { ImportOptionsSchema } from "../../api/admin/routes/import-upload.js";
import type { mediaJson } from "../../api/admin/routes/media.js";

/** GET /articles/:id and every article change answer with this (`articleAnswer`). */
export type ArticleReply = Awaited<ReturnType<typeof articleAnswer>>;

/** What the caller may do with an article now (the API decides; the app only shows it). */
export type ArticleAbilities = ArticleReply["can"];

/** An update or correction note shown on a published article. */
export type Correction = ArticleReply["corrections"][number];

/** GET /articles/:id/checklist (`checklistAnswer`): the checks, and the warnings accepted before. */
export type ChecklistReply = Awaited<ReturnType<typeof checklistAnswer>>;

/** A media library item as every media endpoint sends it (`mediaJson`). */
export type MediaJson = ReturnType<typeof mediaJson>;

/** An import's options, as POST /imports reads them. */
export type ImportOptions = z.output<typeof ImportOptionsSchema>;
