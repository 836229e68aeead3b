// Small text helpers shared by pages. Formatters are cached because building an
// Intl.DateTimeFormat costs more than rendering a whole article.

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(language: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(language);
  if (!f) {
    try {
      // UTC: settings carry no time zone yet, and every instance must render the same bytes.
      f = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    } catch {
      f = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });
    }
    dateFormatters.set(language, f);
  }
  return f;
}

/** A reader-facing date such as "9 January 2026", or "" for a missing or bad timestamp. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : dateFormatter(language).format(d);
}

/** "Member of the X team", without doubling "team" when the name already ends with it. */
export function teamLine(team: string): string {
  if (team === "") return "";
  return /\bteam$/i.test(team) ? `Member of the ${team}` : `Member of the ${team} team`;
}

/** Splits plain text into paragraphs on blank lines; single newlines stay inside a paragraph. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** "1 entry" / "N entries". */
export function entriesLabel(n: number): string {
  return n === 1 ? "1 entry" : `${n} entries`;
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A reader-facing date and time in UTC such as "9 January 2026 at 14:05 UTC", or "" for a missing
 * or bad timestamp (update and correction notes say when, to the minute).
 */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  let f = dateTimeFormatters.get(language);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      dateStyle: "long",
      timeStyle: "short",
      timeZone: "UTC",
    };
    try {
      f = new Intl.DateTimeFormat(language, options);
    } catch {
      f = new Intl.DateTimeFormat("en", options);
    }
    dateTimeFormatters.set(language, f);
  }
  return `${f.format(d)} UTC`;
}
