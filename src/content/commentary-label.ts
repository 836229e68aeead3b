/**
 * The label a commentary block shows when its editor gives none: one wording for the article
 * page and the newsletter, so a reader meets the same words for the author's opinion in both.
 */
export const DEFAULT_COMMENTARY_LABEL = "Commentary — the author’s opinion";
