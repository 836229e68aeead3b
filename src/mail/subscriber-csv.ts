// Subscribers in and out as CSV (issue 15): the import reads a spreadsheet a newsroom brings from
// another service and says what it would do before anything is written (a dry run shows
// `problems` and `duplicates`); the export writes one a spreadsheet opens safely. Pure: the
// service that imports decides what to store, and whether a listed consent is enough.
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { parseEmailAddress, safeDisplayName } from "../content/email-address.js";

/** More rows than this are not read: the import says so and stops there. */
export const SUBSCRIBER_CSV_MAX_ROWS = 200_000;

/** One subscriber the file lists. */
export interface SubscriberCsvRow {
  /** The file's line where the row begins (the header is line 1). */
  line: number;
  /** Normalised by parseEmailAddress. */
  email: string;
  name?: string;
  /** Slugs of the publication's newsletters, each once. */
  newsletters: string[];
  /** When the person consented, as an ISO 8601 instant. */
  consentedAt?: string;
}

/** A row that was not taken, or something about the whole file, and why. */
export interface SubscriberCsvProblem {
  line: number;
  message: string;
}

/** What an import would take from the file. */
export interface SubscriberCsvParse {
  rows: SubscriberCsvRow[];
  problems: SubscriberCsvProblem[];
  /** Rows whose address (compared case-blind) an earlier row already has; the first is kept. */
  duplicates: number;
}

type Column = "email" | "name" | "newsletters" | "consented_at";
// Other services' names for the same columns, as their exports spell them.
const COLUMN_NAMES: Record<string, Column> = {
  email: "email",
  e_mail: "email",
  email_address: "email",
  name: "name",
  full_name: "name",
  newsletters: "newsletters",
  newsletter: "newsletters",
  consented_at: "consented_at",
  consent_date: "consented_at",
};

// A leading ' written by the export before a formula character; taken off again on import.
const FORMULA_START = /^[=+\-@\t\r]/;
const unguard = (cell: string) =>
  cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;

/** A header cell as a column name: case, spaces and hyphens do not matter. */
const columnKey = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

/** The separator the header row uses: a comma unless it has none and a semicolon or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  if (firstLine.includes("\t")) return "\t";
  return ",";
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO date ("2026-03-01", midnight UTC) or date-time as an ISO instant, or a message. A
 * date-time without a zone ("2026-03-01 10:32:00", as several services export) is read as UTC.
 */
function consentInstant(
  cell: string,
  now: Date,
): { ok: true; iso: string } | { ok: false; message: string } {
  const m = DATE_TIME.exec(cell);
  const bad = {
    ok: false as const,
    message: `consented_at "${cell}" is not a date (write 2026-03-01 or 2026-03-01T10:32:00Z)`,
  };
  if (!m) return bad;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone = "Z"] = m;
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.replace(/^([+-]\d{2}):?(\d{2})$/, "$1:$2");
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`);
  // Date rolls 31 February over into March; the parts must survive the round trip.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    Number.isNaN(date.getTime()) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return bad;
  // A day's grace for the sender's time zone; beyond that the column holds something else.
  if (date.getTime() > now.getTime() + 86_400_000)
    return { ok: false, message: `consented_at "${cell}" is in the future` };
  return { ok: true, iso: date.toISOString() };
}

/** csv-parse's complaint about a row, in words a newsroom can act on. */
function csvProblem(code: string, message: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED")
    return "a quote opened in this row is never closed, so the rest of the file could not be read";
  if (code === "CSV_INVALID_CLOSING_QUOTE")
    return 'a quoted cell goes on after its closing quote (write a quote inside a quoted cell as "")';
  return `the row cannot be read as CSV: ${message}`;
}

/** How many line breaks a record's cells hold (its quoted cells may span lines). */
const breaksIn = (cells: readonly string[]) =>
  cells.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

/**
 * Reads a subscriber CSV: a header row naming `email` and optionally `name`, `newsletters`
 * (slugs separated by `;` or `|`) and `consented_at` (ISO date or date-time). A bad row becomes a
 * problem with its line and the rest is read; a repeated address is counted and the first kept;
 * a byte-order mark is accepted; past 200,000 rows reading stops with a problem that says so.
 * `now` is when "in the future" starts for consent dates.
 */
export function parseSubscriberCsv(
  text: string,
  options: { newsletterSlugs: readonly string[]; now?: Date },
): SubscriberCsvParse {
  const now = options.now ?? new Date();
  const slugs = new Set(options.newsletterSlugs.map((s) => s.toLowerCase()));
  const rows: SubscriberCsvRow[] = [];
  const problems: SubscriberCsvProblem[] = [];
  const result = () => ({ rows, problems, duplicates });
  let duplicates = 0;

  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") {
    problems.push({ line: 1, message: "the file is empty: it needs a header row naming email" });
    return result();
  }
  const records = parse(body, {
    delimiter: detectDelimiter(body),
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // The header, the rows allowed and one more, which tells that the file is longer.
    to: SUBSCRIBER_CSV_MAX_ROWS + 2,
    on_skip: (error) => {
      if (error)
        problems.push({
          line: typeof error.lines === "number" ? error.lines : 1,
          message: csvProblem(error.code, error.message),
        });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...data] = records;
  if (header === undefined) {
    problems.push({ line: 1, message: "the file has no header row naming email" });
    return result();
  }
  const columns = new Map<Column, number>();
  header.record.forEach((cell, index) => {
    const column = COLUMN_NAMES[columnKey(cell)];
    if (column === undefined) {
      if (cell.trim() !== "")
        problems.push({
          line: 1,
          message: `column "${cell.trim()}" is not read (the columns are email, name, newsletters, consented_at)`,
        });
    } else if (columns.has(column)) {
      problems.push({
        line: 1,
        message: `column "${cell.trim()}" appears twice; the first is read`,
      });
    } else columns.set(column, index);
  });
  const emailColumn = columns.get("email");
  if (emailColumn === undefined) {
    problems.push({
      line: 1,
      message: 'the header row has no "email" column (the first row must name the columns)',
    });
    return result();
  }

  const seen = new Set<string>();
  const cell = (record: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? "" : unguard((record[index] ?? "").trim());
  };
  for (const [i, { record, info }] of data.entries()) {
    const line = info.lines - breaksIn(record);
    if (i >= SUBSCRIBER_CSV_MAX_ROWS) {
      problems.push({
        line,
        message: `the file has more than ${SUBSCRIBER_CSV_MAX_ROWS.toLocaleString("en")} subscribers; rows from here on were not read (split the file)`,
      });
      break;
    }
    if (record.every((c) => c.trim() === "")) continue;
    // Empty cells past the header's last column are a spreadsheet's habit, not a shifted row.
    if (record.slice(header.record.length).some((c) => c.trim() !== "")) {
      problems.push({
        line,
        message: `the row has ${record.length} cells but the header names ${header.record.length} (a comma in a name needs quotes)`,
      });
      continue;
    }
    const rawEmail = cell(record, "email");
    if (rawEmail === "") {
      problems.push({ line, message: "the row has no email address" });
      continue;
    }
    const address = parseEmailAddress(rawEmail);
    if (!address.ok) {
      problems.push({ line, message: `${address.reason} ("${rawEmail.slice(0, 100)}")` });
      continue;
    }
    const newsletters = [
      ...new Set(
        cell(record, "newsletters")
          .split(/[;|]/)
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s !== ""),
      ),
    ];
    const unknown = newsletters.filter((s) => !slugs.has(s));
    if (unknown.length > 0) {
      const known = [...slugs].join(", ") || "none yet";
      problems.push({
        line,
        message: `unknown newsletter ${unknown.map((s) => `"${s}"`).join(", ")} (the newsletters are: ${known})`,
      });
      continue;
    }
    const consentCell = cell(record, "consented_at");
    let consentedAt: string | undefined;
    if (consentCell !== "") {
      const consent = consentInstant(consentCell, now);
      if (!consent.ok) {
        problems.push({ line, message: consent.message });
        continue;
      }
      consentedAt = consent.iso;
    }
    const key = address.address.toLowerCase();
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    const name = safeDisplayName(cell(record, "name"));
    rows.push({
      line,
      email: address.address,
      ...(name === "" ? {} : { name }),
      newsletters,
      ...(consentedAt === undefined ? {} : { consentedAt }),
    });
  }
  return result();
}

/** One subscriber as the export writes it. */
export interface SubscriberCsvExportRow {
  email: string;
  name?: string | null;
  status: string;
  newsletters: readonly string[];
  subscribedAt?: string | Date | null;
  confirmedAt?: string | Date | null;
}

const EXPORT_COLUMNS = [
  "email",
  "name",
  "status",
  "newsletters",
  "subscribed_at",
  "confirmed_at",
] as const;

/**
 * A cell a spreadsheet shows as text: one starting with = + - @ tab or CR would be run as a
 * formula (CSV injection), so it gets a leading ' which the import takes off again.
 */
function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const instant = (value: string | Date | null | undefined) =>
  value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : value;

/**
 * The subscribers as CSV with the columns email, name, status, newsletters (slugs joined by ";",
 * as the import reads them), subscribed_at, confirmed_at; every cell safe to open in a spreadsheet.
 */
export function subscribersToCsv(rows: Iterable<SubscriberCsvExportRow>): string {
  const records: string[][] = [];
  for (const row of rows)
    records.push(
      [
        row.email,
        row.name ?? "",
        row.status,
        row.newsletters.join(";"),
        instant(row.subscribedAt),
        instant(row.confirmedAt),
      ].map(guard),
    );
  return stringify(records, {
    header: true,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: "\r\n",
    // csv-stringify quotes a cell with CRLF but not a lone CR or LF, which still breaks a row.
    quoted_match: /[\r\n]/,
  });
}
