// Ghost post content (Lexical, mobiledoc or plain HTML) into Masthead blocks. Pure: the three
// stored forms in, blocks and a report out. First version: the html field only; the Lexical and
// mobiledoc readers follow.
import type { ConvertedContent, Report } from "../wordpress/converted.js";
import { htmlToBlocks } from "../wordpress/html-flow.js";

/** The content fields of one Ghost post as the export stores them. */
export interface GhostContent {
  mobiledoc?: string | null;
  lexical?: string | null;
  html?: string | null;
}

/** Masthead blocks for one Ghost post: Lexical when present, else mobiledoc, else the html field. */
export function convertGhostContent(content: GhostContent): ConvertedContent {
  const report: Report = { legacy: [], notes: [] };
  const blocks = htmlToBlocks(content.html ?? "", { autop: false }, report);
  return { blocks, legacy: report.legacy, notes: report.notes };
}
