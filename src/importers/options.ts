// What every platform's import accepts, as the command line and the admin app say it.

/** How to import: the options every importer takes. */
export interface ImportOptions {
  /** Where media files are stored (the configured data directory). */
  dataDir: string;
  /** A copy of the old site's image folder (wp-content/uploads, content/images). */
  mediaDir?: string;
  /** Download images the media folder does not have. */
  fetchMedia?: boolean;
  /** Report what would happen; write nothing. */
  dryRun?: boolean;
  /** Replace items edited in Masthead since the last import. */
  overwrite?: boolean;
  /** Called as the import goes: which pass, items done and items in all. */
  onProgress?: (pass: "scan" | "import", done: number, total: number) => void;
  /** The moment statuses are judged at (future and scheduled posts); defaults to now. */
  now?: Date;
}
