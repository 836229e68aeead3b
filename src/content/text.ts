// Text from outside (forms, the admin API, imports), made storable the same way on SQLite and
// PostgreSQL. PostgreSQL cannot store NUL in text or JSON, and refuses an unpaired surrogate in
// JSON, where SQLite keeps both; other control characters are invisible on a page and useless in
// a headline. One policy for every field (docs/SECURITY.md, "Text hygiene"):
// - line breaks are normalised: CRLF and a lone CR become LF (browsers send CRLF from textareas);
// - tab and LF are kept;
// - every other C0 control (U+0000–U+001F), DEL (U+007F) and unpaired surrogates are refused in
//   single-line fields a person types (`textField`), and removed from multi-line prose
//   (`proseField`), where they arrive invisibly with pasted text, and from imports (`cleanText`).
import { z } from "zod";

// C0 controls except tab (U+0009) and LF (U+000A); CR is normalised before this runs. And DEL.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// What no database may be handed: NUL (PostgreSQL refuses it) and unpaired surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** CRLF and lone CR as LF. */
export function normalizeLineBreaks(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * Why `text` breaks the policy, as a message a person can act on, or undefined when it does not.
 * Line breaks are expected to be normalised already (a CR counts as a control character).
 * @example textProblem("a\u0000b") // "contains a control character (U+0000); remove it"
 */
export function textProblem(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) return `contains a control character (${codePoint(control[0])}); remove it`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone)
    return `contains a broken character (an unpaired surrogate, ${codePoint(lone[0])}); remove it or type it again`;
  return undefined;
}

/**
 * The text with line breaks normalised and every character the policy refuses removed.
 * @example cleanText("a\r\nb\u0000c\uD800") // "a\nbc"
 */
export function cleanText(text: string): string {
  return normalizeLineBreaks(text).replace(CONTROLS, "").replace(LONE_SURROGATES, "");
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/**
 * A copy of `value` with every string inside it (objects, arrays, keys included) through
 * `cleanText`. For what an import reads from a foreign export, which must not fail over
 * invisible bytes. Walks with its own stack, so a hostile nesting depth cannot overflow it.
 */
export function cleanStrings<T>(value: T): T {
  const root: Record<string, unknown> = { value };
  const pending: [Record<string | number, unknown>, string | number][] = [[root, "value"]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [holder, key] = next;
    const v = holder[key];
    if (typeof v === "string") holder[key] = cleanText(v);
    else if (Array.isArray(v)) {
      const copy = v.slice();
      holder[key] = copy;
      for (let i = 0; i < copy.length; i += 1) pending.push([copy as Record<number, unknown>, i]);
    } else if (isPlainObject(v)) {
      // fromEntries defines properties, so a "__proto__" key stays a key.
      const copy = Object.fromEntries(Object.entries(v).map(([k, x]) => [cleanText(k), x]));
      holder[key] = copy;
      for (const k of Object.keys(copy)) pending.push([copy, k]);
    }
  }
  return root.value as T;
}

/** A zod check that refuses text breaking the policy, naming the character. */
const refuseUnclean: z.core.CheckFn<string> = (payload) => {
  const problem = textProblem(payload.value);
  if (problem !== undefined)
    payload.issues.push({ code: "custom", message: problem, input: payload.value });
};

/**
 * A single-line text field typed by a person (a name, a title, an email, an address): line
 * breaks normalised, any other control character or unpaired surrogate refused with a message
 * naming it. Chain `.trim()`, `.min()`, `.max()` as on `z.string()`.
 * @example const name = textField().trim().min(1, "name is required").max(120);
 */
export function textField(): z.ZodString {
  return z.string().overwrite(normalizeLineBreaks).check(refuseUnclean);
}

/**
 * Multi-line prose (a bio, a comment, a paragraph's text, imported HTML): line breaks
 * normalised, control characters and unpaired surrogates removed without a word, since they
 * arrive unseen with pasted text and a person could not find them to delete.
 * @example const bio = proseField().trim().max(5000);
 */
export function proseField(): z.ZodString {
  return z.string().overwrite(cleanText);
}

/** Adds the refusal of `textField` to a string format (`z.url()`, `z.email()`). */
export function refuseControlCharacters<S extends z.ZodType<string>>(schema: S): S {
  return schema.check(refuseUnclean) as S;
}

/**
 * The dot path and problem of the first string inside `value` that no database may be handed
 * (NUL, an unpaired surrogate), or undefined. The last line behind the field schemas: a value
 * that reached a store through `z.unknown()` or a field someone forgot still cannot reach SQL.
 * Walks with its own stack, so a hostile nesting depth cannot overflow it.
 */
export function findUnstorable(value: unknown): { path: string; message: string } | undefined {
  // Paths as links to their parent, spelt out only for the one that is reported.
  type Step = { up: Step | undefined; key: string } | undefined;
  const spell = (step: Step, last?: string) => {
    const keys = last === undefined ? [] : [last];
    for (let s = step; s; s = s.up) keys.unshift(s.key);
    return keys.join(".");
  };
  const pending: [unknown, Step][] = [[value, undefined]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [v, step] = next;
    if (typeof v === "string") {
      if (UNSTORABLE.test(v))
        return {
          path: spell(step),
          message: textProblem(v) ?? "contains a character no database can store; remove it",
        };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) pending.push([v[i], { up: step, key: String(i) }]);
    } else if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, x] = entries[i] as [string, unknown];
        if (UNSTORABLE.test(key))
          return { path: spell(step, key), message: "a field name holds a control character" };
        pending.push([x, { up: step, key }]);
      }
    }
  }
  return undefined;
}
