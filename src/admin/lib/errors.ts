import type { ErrorCode } from "../../content/errors.js";
import { ApiError, type FieldIssue } from "./api.js";

/** A failed request as a form shows it: a message and the field issues. */
export interface FormProblem {
  message: string;
  issues: FieldIssue[];
}

// Codes whose message is about the form as a whole; each field's issue says the rest.
const FIELDS_NEED_ATTENTION: readonly ErrorCode[] = ["MH_CONTENT_INVALID"];

/** Turns any failure into a FormProblem. */
export function formProblem(error: unknown): FormProblem {
  if (error instanceof ApiError)
    return {
      message: FIELDS_NEED_ATTENTION.includes(error.code)
        ? "Some fields need attention."
        : error.message,
      issues: error.issues,
    };
  return { message: "The server did not answer. Check your connection and try again.", issues: [] };
}

/** The message for `field` (or a path below it) among the issues, if any. */
export function issueFor(problem: FormProblem | null, field: string): string | null {
  return (
    problem?.issues.find((i) => i.path === field || i.path.startsWith(`${field}.`))?.message ?? null
  );
}
