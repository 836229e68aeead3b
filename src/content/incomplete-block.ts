// Unfinished blocks: what lets a draft be saved while a block still lacks a required field (an
// empty tracker block, a video before its title is typed), so that no words are lost. Such a
// block is stored wrapped as `{ type: "incomplete", block, issues }`: `BodyBlock` (what an
// article's body holds) is `Block | IncompleteBlock`, so every switch over a stored body has to
// say what an unfinished block is (renderers, plain text, feeds). Only drafts may hold one
// (articleRuleIssues); submitting, scheduling and publishing need none (completeness.ts).
import { z } from "zod";
import { type Block, BlockSchema } from "./blocks.js";
import type { FieldIssue } from "./errors.js";
import { cleanStrings, cleanText, textField } from "./text.js";

const RelativeIssueSchema = z.object({
  path: textField().max(500),
  message: textField().max(500),
});

/**
 * A block the editor has not finished: the block as sent (`block`, whose present fields are all
 * valid) and what it still lacks (`issues`, paths relative to the block, e.g. `trackerId`).
 */
export const IncompleteBlockSchema = z
  .object({
    type: z.literal("incomplete"),
    block: z.looseObject({ type: textField().min(1).max(64) }),
    issues: z.array(RelativeIssueSchema).min(1).max(200),
  })
  .strict();
export type IncompleteBlock = z.infer<typeof IncompleteBlockSchema>;

/** A block as an article's body stores it: complete, or (in a draft only) unfinished. */
export const BodyBlockSchema = z.discriminatedUnion("type", [BlockSchema, IncompleteBlockSchema], {
  error: (issue) =>
    issue.code === "invalid_union" ? `unknown block type '${typeTried(issue.input)}'` : undefined,
});
export type BodyBlock = Block | IncompleteBlock;

function typeTried(input: unknown): string {
  const type = (input as { type?: unknown } | undefined)?.type;
  return typeof type === "string" ? type.slice(0, 64) : String(type);
}

/** The value at a zod issue's path inside `input` (undefined when the path leads nowhere). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Whether a value is "not filled in yet": absent, null, blank text or an empty list. */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === "string" && value.trim() === "") ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * Whether a schema issue only says that a required field is still empty. Anything else (a wrong
 * type, an unknown key, text too long, a bad address, an unknown block type) is a real error.
 * Generic over every block schema: it looks at the value at the issue's path, not at the type.
 */
function isGap(issue: z.core.$ZodIssue, raw: unknown): boolean {
  if (issue.path.length === 0 || issue.path[0] === "type") return false;
  if (issue.code === "unrecognized_keys" || issue.code === "too_big") return false;
  const value = valueAt(raw, issue.path);
  // Prose drops invisible characters (NUL, lone surrogates) without a word, so prose made only
  // of them is as empty as "" (the only issue is then too_small). A line field refuses them
  // instead (a custom issue), and that stays a real error.
  const cleanedBlank =
    issue.code === "too_small" && typeof value === "string" && cleanText(value).trim() === "";
  return cleanedBlank || isBlank(value);
}

/** Message of a gap: the schema's own when it wrote one, else "<field> is required". */
function gapMessage(issue: z.core.$ZodIssue, raw: unknown): string {
  if (issue.code === "too_small" || issue.code === "custom") return issue.message;
  const value = valueAt(raw, issue.path);
  const field = String(issue.path[issue.path.length - 1]);
  // A UUID or address left blank is "required", not "must be a UUID".
  return value === undefined || value === null || typeof value === "string"
    ? `${field} is required`
    : issue.message;
}

/**
 * What a block sent by an editor is: the block itself when it is complete, an IncompleteBlock
 * when its only problems are empty required fields, or the issues that refuse it (relative paths).
 * @example classifyBlock({ type: "tracker", trackerId: "" })
 *   // { block: { type: "incomplete", block: {…}, issues: [{ path: "trackerId", … }] } }
 */
export function classifyBlock(raw: unknown): { block: BodyBlock } | { refused: FieldIssue[] } {
  const parsed = BlockSchema.safeParse(raw);
  if (parsed.success) return { block: parsed.data };
  const issues = parsed.error.issues;
  const refused = issues.filter((i) => !isGap(i, raw));
  if (refused.length > 0)
    return {
      refused: refused.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
    };
  const block = IncompleteBlockSchema.safeParse({
    type: "incomplete",
    // Kept as the editor's words, cleaned as a prose field would be (control characters and
    // lone surrogates dropped): a line field with them was refused above, not counted a gap.
    block: cleanStrings(raw),
    issues: issues.map((i) => ({
      path: i.path.map(String).join("."),
      message: gapMessage(i, raw),
    })),
  });
  if (!block.success)
    return {
      refused: block.error.issues.map((i) => ({
        path: i.path.slice(1).map(String).join("."),
        message: i.message,
      })),
    };
  return { block: block.data };
}

/**
 * A block as an editor may save it in a draft: complete, or unfinished (see classifyBlock); typed
 * on input as a body block so clients keep their types. Whether the article may hold an unfinished
 * block is decided by its status (articleRuleIssues).
 */
export const DraftBlockSchema = z.unknown().transform((raw, ctx) => {
  const result = classifyBlock(raw);
  if ("block" in result) return result.block;
  for (const issue of result.refused)
    ctx.addIssue({
      code: "custom",
      path: issue.path === "" ? [] : issue.path.split("."),
      message: issue.message,
    });
  return z.NEVER;
}) as unknown as z.ZodType<BodyBlock, BodyBlock>;

/** The block as the editor sent it: an unfinished block unwrapped, a complete one as it is. */
export function blockAsSent(block: BodyBlock): Block {
  return block.type === "incomplete" ? (block.block as unknown as Block) : block;
}

/** The complete blocks of a body, for what has nothing to show of an unfinished one. */
export function completeBlocks(body: readonly BodyBlock[]): Block[] {
  return body.filter((b): b is Block => b.type !== "incomplete");
}

/** What an unfinished block lacks, as issues at `body.<index>.<field>`. */
export function incompleteBlockIssues(body: readonly BodyBlock[]): FieldIssue[] {
  return body.flatMap((block, index) =>
    block.type === "incomplete"
      ? block.issues.map((issue) => ({
          path: issue.path === "" ? `body.${index}` : `body.${index}.${issue.path}`,
          message: issue.message,
        }))
      : [],
  );
}
