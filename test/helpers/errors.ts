import type { FieldIssue } from "../../src/content/index.js";

/** The error `promise` rejects with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error("expected the promise to reject, but it resolved");
}

/** The field paths of a ContentInvalidError, e.g. ["sectionId", "authorIds.1"]. */
export function issuePaths(error: unknown): string[] {
  const issues = (error as { issues?: FieldIssue[] }).issues;
  if (!Array.isArray(issues))
    throw new Error(`expected a ContentInvalidError, got ${String(error)}`);
  return issues.map((i) => i.path);
}
