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
