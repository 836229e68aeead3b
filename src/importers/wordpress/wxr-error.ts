// The one error the WXR reader throws. The importer and the CLI print its message as it is, so
// the message carries everything a user needs: what is wrong, where, and what to do about it.
import { MastheadError } from "../../content/errors.js";

/** Where in the file a WxrError was found; every part is optional. */
export interface WxrErrorWhere {
  /** 1-based line and column of the XML, when the XML parser had started. */
  line?: number;
  column?: number;
  /** Byte offset in the file (encoding problems are found in bytes, before any line exists). */
  byteOffset?: number;
  /** The `<item>` being read: its `<wp:post_id>` and title, when they were seen already. */
  itemId?: string;
  itemTitle?: string;
}

/** A WXR file that cannot be read: code MH_IMPORT_INVALID, message says what and where. */
export class WxrError extends MastheadError {
  declare readonly code: "MH_IMPORT_INVALID";
  /** The problem alone, without the file name and position (for reports and tests). */
  readonly reason: string;
  readonly line?: number;
  readonly column?: number;
  readonly byteOffset?: number;
  readonly itemId?: string;
  readonly itemTitle?: string;

  constructor(file: string, reason: string, where: WxrErrorWhere = {}) {
    super("MH_IMPORT_INVALID", `${file}: ${reason}${describeWhere(where)}`);
    this.name = "WxrError";
    this.reason = reason;
    Object.assign(this, where);
  }
}

/** " (line 3, column 7, in item 42 “Hello”)" — empty when nothing is known. */
function describeWhere(where: WxrErrorWhere): string {
  const parts: string[] = [];
  if (where.line !== undefined) parts.push(`line ${where.line}, column ${where.column ?? 1}`);
  if (where.byteOffset !== undefined) parts.push(`byte offset ${where.byteOffset}`);
  if (where.itemId || where.itemTitle) {
    const id = where.itemId ? ` ${where.itemId}` : "";
    const title = where.itemTitle ? ` “${where.itemTitle.slice(0, 80)}”` : "";
    parts.push(`in item${id}${title}`);
  }
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}
