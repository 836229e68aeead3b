// Conversions between domain values and column values that hold on both databases.

let lastNow = 0;

/**
 * The current time as an ISO-8601 UTC string, the form every timestamp is stored in. Strictly
 * increasing within the process (a millisecond later than the previous call if the clock has
 * not moved), so two comments, or an article and its first edit, made in the same millisecond
 * still sort in the order they happened.
 */
export function nowIso(): string {
  lastNow = Math.max(Date.now(), lastNow + 1);
  return new Date(lastNow).toISOString();
}

/**
 * An ISO-8601 UTC string from a driver's timestamp (PostgreSQL: Date, SQLite: string) or from an
 * input with an offset, so stored text timestamps compare correctly as strings.
 */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** A boolean as a column value (see `Bool` in schema.ts). */
export function toBool(value: boolean): number {
  return value ? 1 : 0;
}

/** A count from a driver (PostgreSQL returns bigint aggregates as strings). */
export function toCount(value: number | string | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** Splits rows into batches small enough for either database's bound-parameter limit. */
export function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
