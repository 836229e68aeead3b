/** Props of the pager. */
export interface PaginationProps {
  page: number;
  totalPages: number;
  /** Builds the path of page n. */
  pathOf: (n: number) => string;
}

/** What the pager's links say; listings go back in time, search results down the ranking. */
export interface PagerLabels {
  name: string;
  prev: string;
  next: string;
}

const LISTING_LABELS: PagerLabels = {
  name: "Pagination",
  prev: "← Newer articles",
  next: "Older articles →",
};

/** "Newer / Page x of y / Older" links with rel=prev/next; nothing when there is one page. */
export function Pagination({
  page,
  totalPages,
  pathOf,
  labels = LISTING_LABELS,
}: PaginationProps & { labels?: PagerLabels }) {
  if (totalPages <= 1) return null;
  return (
    <nav class="pagination" aria-label={labels.name}>
      {page > 1 ? (
        <a rel="prev" href={pathOf(page - 1)}>
          {labels.prev}
        </a>
      ) : (
        <span />
      )}
      <span class="pagination-status">
        Page {page} of {totalPages}
      </span>
      {page < totalPages ? (
        <a rel="next" href={pathOf(page + 1)}>
          {labels.next}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Paths of the previous and next pages, for <link rel> in the head. */
export function neighbours({ page, totalPages, pathOf }: PaginationProps): {
  prevPath?: string;
  nextPath?: string;
} {
  return {
    prevPath: page > 1 ? pathOf(page - 1) : undefined,
    nextPath: page < totalPages ? pathOf(page + 1) : undefined,
  };
}
