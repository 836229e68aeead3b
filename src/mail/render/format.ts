// Dates as the article page writes them (src/site/format.ts, which other layers may not import):
// long form, in UTC, so the email and the page say the same day to the same reader.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = withTime
      ? { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }
      : { dateStyle: "long", timeZone: "UTC" };
    try {
      f = new Intl.DateTimeFormat(language, options);
    } catch {
      f = new Intl.DateTimeFormat("en", options);
    }
    formatters.set(key, f);
  }
  return f;
}

/** "9 January 2026", or "" for a missing or bad timestamp. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : formatter(language, false).format(d);
}

/** "9 January 2026 at 14:05 UTC", or "" for a missing or bad timestamp. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : `${formatter(language, true).format(d)} UTC`;
}

/** "1 entry" / "N entries". */
export const entriesLabel = (n: number): string => (n === 1 ? "1 entry" : `${n} entries`);

/** "Serena Zehlius", "A and B", "A, B and C". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Plain-text paragraphs: blank lines separate them, single line breaks stay inside one. */
export const paragraphsOf = (text: string): string[] =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");

/** The heading of the notes list, as the article page words it. */
export function correctionsHeading(kinds: readonly string[]): string {
  if (kinds.every((k) => k === "update")) return kinds.length === 1 ? "Update" : "Updates";
  return "Corrections and updates";
}
