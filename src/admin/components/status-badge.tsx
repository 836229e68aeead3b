import type { ArticleStatus } from "../../content/index.js";
import { STATUS_LABELS } from "../lib/format.js";

/** An article's status as a coloured label. */
export function StatusBadge({ status }: { status: ArticleStatus }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}
