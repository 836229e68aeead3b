import { type Credit, creditLine } from "../../content/index.js";
import { Link, safeHref } from "../blocks/inline.js";

/**
 * "Photo: Creator / Source, License" with the source linked to where the file came from and the
 * license linked to its deed (rel=license). Empty parts are left out with their separators.
 */
export function CreditLine({ credit, kind = "Photo" }: { credit: Credit; kind?: string }) {
  const line = creditLine(credit);
  const sourceUrl = safeHref(line.sourceUrl);
  const sourceText = line.sourceName || (sourceUrl ? "source" : "");
  const source = sourceText ? (
    sourceUrl ? (
      <Link href={sourceUrl}>{sourceText}</Link>
    ) : (
      sourceText
    )
  ) : null;
  const deed = line.license.deedUrl;
  const license = deed ? (
    <a href={deed} rel="license noopener">
      {line.license.label}
    </a>
  ) : (
    line.license.label
  );
  return (
    <span class="credit">
      {kind}: {line.creator}
      {line.creator && source ? " / " : null}
      {source}
      {line.creator || source ? ", " : null}
      {license}
    </span>
  );
}
