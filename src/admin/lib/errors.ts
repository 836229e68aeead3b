import { ApiError, type FieldIssue } from "./api.js";

/** A failed request as a form shows it: a message and the field issues. */
export interface FormProblem {
  message: string;
  issues: FieldIssue[];
}

/** Turns any failure into a FormProblem. */
export function formProblem(error: unknown): FormProblem {
  if (error instanceof ApiError)
    return {
      message: error.code === "MH_CONTENT_INVALID" ? "Some fields need attention." : error.message,
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
