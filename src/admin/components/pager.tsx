/** Props of a list's pager: where the page starts, its size, the total, and how to move. */
export interface PagerProps {
  /** What the pages hold, for screen readers: "Pages of <label>". */
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  onOffset: (offset: number) => void;
}

/** "Previous · 11–20 of 42 · Next" under a list; nothing when everything fits on one page. */
export function Pager({ label, offset, pageSize, total, onOffset }: PagerProps) {
  if (total <= pageSize) return null;
  return (
    <nav class="pager" aria-label={`Pages of ${label}`}>
      <button
        type="button"
        class="button"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - pageSize))}
      >
        Previous
      </button>
      <span>
        {offset + 1}–{Math.min(offset + pageSize, total)} of {total}
      </span>
      <button
        type="button"
        class="button"
        disabled={offset + pageSize >= total}
        onClick={() => onOffset(offset + pageSize)}
      >
        Next
      </button>
    </nav>
  );
}
