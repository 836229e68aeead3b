// Redirects from old URLs to where the content lives now: the rules, how an old link is read
// and how a pattern matches. Pure: the store keeps them, the site answers with them.
import { z } from "zod";
import { textField } from "./text.js";

/** Where a redirect came from: added by an editor, left by a slug change, or by an import. */
export const REDIRECT_SOURCES = ["manual", "slug", "import"] as const;
export type RedirectSource = (typeof REDIRECT_SOURCES)[number];

/** Exact: one old path (and query); pattern: `:param` segments and one `*`. */
export type RedirectKind = "exact" | "pattern";

/** A redirect as validated, ready to store and match. */
export interface RedirectRule {
  /** Exact: the path's key (see `pathKey`); pattern: the pattern as written, normalised. */
  fromPath: string;
  /** The query an exact redirect requires, sorted (`p=123`); '' for none and for patterns. */
  fromQuery: string;
  /** A site path or an http(s) URL; may hold the source's `:param` names and `*`. */
  toPath: string;
  kind: RedirectKind;
}

/** A stored redirect. */
export interface Redirect extends RedirectRule {
  id: string;
  source: string;
  createdAt: string;
}

/** Longest old or new address accepted. */
export const REDIRECT_MAX_LENGTH = 2000;

/** WordPress query parameters that name content; `/` consults redirects only when one is present. */
export const WORDPRESS_QUERY_KEYS = ["p", "page_id", "cat", "tag", "author"] as const;

const PARAM = /^:([A-Za-z_][A-Za-z0-9_]*)/;

/** Decodes percent escapes where they are valid, leaving a broken `%zz` as it is. */
function safeDecode(text: string): string {
  if (!text.includes("%")) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * Splits an old link into path and query, dropping scheme, host and fragment: old links match
 * whatever host they were written with.
 * @example splitLink("https://old.example/2019/05/x/?p=1#c") // { path: "/2019/05/x/", query: "p=1" }
 */
export function splitLink(link: string): { path: string; query: string } {
  let rest = link.trim();
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.slice(0, hash);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(rest) ?? /^\/\/[^/?]*/.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length) || "/";
  const q = rest.indexOf("?");
  return q >= 0 ? { path: rest.slice(0, q), query: rest.slice(q + 1) } : { path: rest, query: "" };
}

/**
 * A path as links to the same place agree on it: percent escapes decoded, Unicode in NFC, no
 * trailing slash (except the root), repeated slashes folded. Case is kept (see `pathKey`).
 */
export function normalizePath(path: string): string {
  const decoded = path
    .split("/")
    .map((segment) => safeDecode(segment))
    .join("/")
    .normalize("NFC")
    .replace(/\/{2,}/g, "/");
  const withRoot = decoded.startsWith("/") ? decoded : `/${decoded}`;
  return withRoot.length > 1 ? withRoot.replace(/\/+$/, "") || "/" : withRoot;
}

/**
 * The key an exact redirect is stored and looked up by: the normalised path in lower case, since
 * WordPress answered `/Hello-World/` for `/hello-world/` and old links were written both ways.
 */
export function pathKey(path: string): string {
  return normalizePath(path).toLowerCase();
}

/** A query string with its parameters sorted (empty ones dropped), e.g. `b=2&a=1` → `a=1&b=2`. */
export function normalizeQuery(query: string): string {
  const params = [...new URLSearchParams(query.startsWith("?") ? query.slice(1) : query)].filter(
    ([key]) => key !== "",
  );
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return new URLSearchParams(params).toString();
}

/**
 * The stored queries a request's query could match, most specific first: the whole query, each
 * parameter alone (so `?p=1&utm_source=x` still finds `p=1`), and none. At most 10 parameters
 * are considered, so a request cannot make the lookup large.
 */
export function queryCandidates(query: string): string[] {
  const whole = normalizeQuery(query);
  const singles = [...new URLSearchParams(whole)]
    .slice(0, 10)
    .map(([k, v]) => new URLSearchParams([[k, v]]).toString());
  return [...new Set([whole, ...singles, ""])];
}

/** Whether a path is written as a pattern (`:param` segments or a `*`). */
export function isPattern(path: string): boolean {
  return path.includes("*") || path.split("/").some((segment) => PARAM.test(segment));
}

/** The pieces of a pattern: literal text, named parameters and the wildcard. */
type Token = { literal: string } | { param: string } | { wildcard: true };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let literal = "";
  const flush = () => {
    if (literal) tokens.push({ literal });
    literal = "";
  };
  for (let i = 0; i < pattern.length; ) {
    const atSegmentStart = i === 0 || pattern[i - 1] === "/";
    const param = atSegmentStart ? PARAM.exec(pattern.slice(i)) : null;
    if (param?.[1]) {
      flush();
      tokens.push({ param: param[1] });
      i += param[0].length;
    } else if (pattern[i] === "*") {
      flush();
      tokens.push({ wildcard: true });
      i += 1;
    } else {
      literal += pattern[i];
      i += 1;
    }
  }
  flush();
  return tokens;
}

/** The names a pattern or target uses (`*` included as "*"), in order. */
export function patternNames(pattern: string): string[] {
  return tokenize(pattern).flatMap((t) =>
    "param" in t ? [t.param] : "wildcard" in t ? ["*"] : [],
  );
}

/** A pattern redirect compiled for matching: see `compilePattern`. */
export interface CompiledPattern {
  regex: RegExp;
  names: string[];
  to: string;
  /** Literal characters: more means more specific, tried first. */
  weight: number;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Compiles a pattern (`/:year/:month/:slug`, `/old/*`) into a case-insensitive regular
 * expression over normalised paths. A parameter matches one segment, `*` one or more characters.
 */
export function compilePattern(from: string, to: string): CompiledPattern {
  const tokens = tokenize(from);
  const names: string[] = [];
  let source = "";
  let weight = 0;
  for (const t of tokens) {
    if ("literal" in t) {
      source += escapeRegex(t.literal);
      weight += t.literal.length;
    } else if ("param" in t) {
      names.push(t.param);
      source += "([^/]+)";
    } else {
      names.push("*");
      source += "(.+)";
    }
  }
  return { regex: new RegExp(`^${source}$`, "i"), names, to, weight };
}

/** Puts captured values into a target, e.g. `/articles/:slug` with slug=x → `/articles/x`. */
export function fillTarget(to: string, values: ReadonlyMap<string, string>): string {
  return tokenize(to)
    .map((t) =>
      "literal" in t
        ? t.literal
        : "param" in t
          ? (values.get(t.param) ?? "")
          : (values.get("*") ?? ""),
    )
    .join("");
}

/** The target a compiled pattern gives for a normalised path, or undefined when it does not match. */
export function matchPattern(pattern: CompiledPattern, path: string): string | undefined {
  const match = pattern.regex.exec(path);
  if (!match) return undefined;
  const values = new Map(pattern.names.map((name, i) => [name, match[i + 1] ?? ""]));
  return fillTarget(pattern.to, values);
}

/**
 * The comparison key of a path with its query (`/a?p=1`), the same for an old link and a target,
 * so chains and loops can be found.
 */
export function linkKey(path: string, query: string): string {
  const q = normalizeQuery(query);
  return q ? `${pathKey(path)}?${q}` : pathKey(path);
}

/** `linkKey` of a site-path target; undefined for an external URL, which no redirect can start from. */
export function targetKey(to: string): string | undefined {
  if (/^https?:\/\//i.test(to)) return undefined;
  const { path, query } = splitLink(to);
  return linkKey(path, query);
}

/**
 * A Location header value: anything outside visible ASCII percent-encoded as UTF-8, escapes
 * kept, so `/café` leaves as `/caf%C3%A9` (a header is Latin-1 on the wire, and a control
 * character in it makes Node refuse the whole answer). An unpaired surrogate, which UTF-8 cannot
 * encode, becomes U+FFFD.
 * @example locationHeader("/tags/café-économie") // "/tags/caf%C3%A9-%C3%A9conomie"
 */
export function locationHeader(target: string): string {
  return target.replace(/[^\x21-\x7e]/gu, (c) =>
    c.length === 1 && c >= "\uD800" && c <= "\uDFFF" ? "%EF%BF%BD" : encodeURIComponent(c),
  );
}

function checkTarget(to: string, ctx: z.RefinementCtx): void {
  if (/^https?:\/\//i.test(to)) {
    try {
      const url = new URL(to.replace(/[:*]/g, (c) => (c === "*" ? "x" : c)));
      if (!url.hostname) throw new Error("no host");
    } catch {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "to must be a site path (/articles/x) or a whole http(s) URL",
      });
    }
    return;
  }
  if (!to.startsWith("/") || to.startsWith("//"))
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "to must be a site path starting with / (e.g. /articles/new-slug) or an http(s) URL",
    });
  if (/[\s<>"\\]/.test(to))
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "to must not hold spaces, quotes, angle brackets or backslashes",
    });
}

const Address = textField()
  .trim()
  .min(1, "required")
  .max(REDIRECT_MAX_LENGTH, `at most ${REDIRECT_MAX_LENGTH} characters`);

/**
 * What an editor (or an import) gives: the old address (`/old-path/`, `/?p=123`, a pattern such
 * as `/:year/:month/:slug/`, or a whole old URL whose host is dropped) and the new one.
 * Parses into a `RedirectRule`.
 */
export const RedirectInputSchema = z
  .object({ from: Address, to: Address })
  .strict()
  .superRefine(({ from, to }, ctx) => {
    // An empty or overlong field has its issue already; checking it further only repeats it.
    if (!from || !to || from.length > REDIRECT_MAX_LENGTH || to.length > REDIRECT_MAX_LENGTH)
      return;
    const { path, query } = splitLink(from);
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(from) && !from.startsWith("/"))
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: "from must start with / (e.g. /2019/05/old-post/) or be a whole old URL",
      });
    if (/[\s<>"\\]/.test(path))
      ctx.addIssue({
        code: "custom",
        path: ["from"],
        message: "from must not hold spaces, quotes, angle brackets or backslashes",
      });
    checkTarget(to, ctx);
    const pattern = isPattern(path);
    if (pattern) {
      if (query)
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: "a pattern matches paths only; drop the query or write an exact address",
        });
      const names = patternNames(path);
      if (names.filter((n) => n === "*").length > 1)
        ctx.addIssue({ code: "custom", path: ["from"], message: "use at most one * in from" });
      const dup = names.find((n, i) => n !== "*" && names.indexOf(n) !== i);
      if (dup)
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: `:${dup} appears twice in from; give each parameter its own name`,
        });
      const unknown = patternNames(splitLink(to).path).filter((name) => !names.includes(name));
      for (const name of unknown)
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message:
            name === "*"
              ? "to uses * but from has no *"
              : `to uses :${name}, which from does not have`,
        });
      if (unknown.length === 0 && patternLoopsOnItself(path, to))
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: "to would match from again and redirect forever; point it elsewhere",
        });
    } else {
      if (isPattern(splitLink(to).path))
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: "to uses a :parameter or *, which only a pattern from (e.g. /old/*) can fill",
        });
      if (pathKey(path) === "/" && normalizeQuery(query) === "")
        ctx.addIssue({
          code: "custom",
          path: ["from"],
          message: "the home page itself cannot be redirected; give the old query (e.g. /?p=123)",
        });
      if (targetKey(to) === linkKey(path, query))
        ctx.addIssue({ code: "custom", path: ["to"], message: "to is the same address as from" });
    }
  })
  .transform(({ from, to }): RedirectRule => {
    const { path, query } = splitLink(from);
    return isPattern(path)
      ? { fromPath: normalizePath(path), fromQuery: "", toPath: to, kind: "pattern" }
      : { fromPath: pathKey(path), fromQuery: normalizeQuery(query), toPath: to, kind: "exact" };
  });
export type RedirectInput = z.input<typeof RedirectInputSchema>;

/**
 * Whether a pattern's own target would match it again (`/a/*` → `/a/b/*`), which would send a
 * browser round in circles one redirect at a time.
 */
export function patternLoopsOnItself(from: string, to: string): boolean {
  if (/^https?:\/\//i.test(to)) return false;
  const compiled = compilePattern(from, to);
  const sample = new Map(compiled.names.map((n) => [n, n === "*" ? "x/y" : "x"]));
  const target = fillTarget(splitLink(to).path, sample);
  return compiled.regex.test(normalizePath(target));
}
