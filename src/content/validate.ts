import type { z } from "zod";
import { ContentInvalidError, type FieldIssue } from "./errors.js";
import { findUnstorable } from "./text.js";

/** Turns zod issues into dot-path field issues, e.g. `body.3.alt`. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema` or throws ContentInvalidError naming every bad field. What the
 * schema lets through is then searched for text no database may be handed (NUL, an unpaired
 * surrogate: see text.ts), so a field without `textField` still cannot reach SQL with it.
 * @example const article = parseOrThrow(ArticleInputSchema, json, "article");
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ContentInvalidError(what, toFieldIssues(result.error));
  const unstorable = findUnstorable(result.data);
  if (unstorable) throw new ContentInvalidError(what, [unstorable]);
  return result.data;
}
