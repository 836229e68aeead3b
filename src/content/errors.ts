/** One offending field: where it is (dot path) and what is wrong with it. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Thrown when content does not satisfy its schema; lists every offending field. */
export class ContentInvalidError extends Error {
  readonly code = "MH_CONTENT_INVALID";
  constructor(
    readonly what: string,
    readonly issues: FieldIssue[],
  ) {
    super(
      `${what} is invalid: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    );
    this.name = "ContentInvalidError";
  }
}
