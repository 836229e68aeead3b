// The one error the Ghost export reader throws. The importer and the CLI print its message as it
// is, so the message carries what is wrong and what to do about it.
import { MastheadError } from "../../content/errors.js";

/** A Ghost export that cannot be read: code MH_IMPORT_INVALID, message says what and where. */
export class GhostExportError extends MastheadError {
  declare readonly code: "MH_IMPORT_INVALID";
  /** The problem alone, without the file name (for reports and tests). */
  readonly reason: string;

  constructor(file: string, reason: string) {
    super("MH_IMPORT_INVALID", `${file}: ${reason}`);
    this.name = "GhostExportError";
    this.reason = reason;
  }
}
