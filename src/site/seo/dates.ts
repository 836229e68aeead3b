// Which timestamp a crawler or feed reader is told an article changed at.

/** The later of two ISO timestamps. */
export const laterIso = (a: string, b: string): string => (Date.parse(b) > Date.parse(a) ? b : a);

/**
 * When an article last changed for readers: its last edit, but never before its publication
 * (an edit made before publishing must not date the article as modified before it appeared).
 */
export const modifiedAt = (a: {
  publishedAt: string | null;
  createdAt?: string;
  updatedAt: string;
}): string => laterIso(a.publishedAt ?? a.createdAt ?? a.updatedAt, a.updatedAt);

/**
 * A length of time as ISO 8601 (schema.org's `duration`): hours, minutes and seconds with up to
 * millisecond decimals, the zero parts left out.
 * @example isoDuration(62_500) // "PT1M2.5S"
 */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor(total / 60_000) % 60;
  const seconds = (total % 60_000) / 1000;
  const s = seconds > 0 || (hours === 0 && minutes === 0) ? `${seconds}S` : "";
  return `PT${hours > 0 ? `${hours}H` : ""}${minutes > 0 ? `${minutes}M` : ""}${s}`;
}
