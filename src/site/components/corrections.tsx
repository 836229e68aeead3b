import { CORRECTION_LABELS, type Correction } from "../../content/index.js";
import { formatDateTime } from "../format.js";

/**
 * The article's update and correction notes, oldest first, each as "Correction (time): note".
 * Readers should find out what changed after publication, and when, on the page itself.
 */
export function Corrections({
  corrections,
  language,
}: {
  corrections: readonly Correction[];
  language: string;
}) {
  if (corrections.length === 0) return null;
  const heading = corrections.every((c) => c.kind === "update")
    ? corrections.length === 1
      ? "Update"
      : "Updates"
    : "Corrections and updates";
  return (
    <aside class="corrections" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{heading}</h2>
      <ul>
        {corrections.map((c) => (
          <li class={`correction correction-${c.kind}`} id={`note-${c.id}`} key={c.id}>
            <strong>{CORRECTION_LABELS[c.kind]}</strong> (
            <time datetime={c.createdAt}>{formatDateTime(c.createdAt, language)}</time>): {c.note}
          </li>
        ))}
      </ul>
    </aside>
  );
}
