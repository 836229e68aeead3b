import type { ComponentChildren } from "preact";
import type { Inline, TextRun } from "../../content/index.js";

// The schema already refuses other schemes; this second check keeps a renderer safe even when
// handed content that skipped validation (imports, old rows): no javascript: or data: links.
const SAFE_HREF = /^(https?:\/\/|mailto:|\/|#)/i;
const EXTERNAL_HREF = /^(https?:)?\/\//i;

/** The href if it is a kind of link we render, otherwise undefined (the text stays, unlinked). */
export function safeHref(href: string | undefined): string | undefined {
  return href !== undefined && SAFE_HREF.test(href) ? href : undefined;
}

/** Whether a link leaves the site (absolute or protocol-relative). */
export function isExternal(href: string): boolean {
  return EXTERNAL_HREF.test(href);
}

/** A link; external ones get rel="noopener". */
export function Link({ href, children }: { href: string; children: ComponentChildren }) {
  return (
    <a href={href} rel={isExternal(href) ? "noopener" : undefined}>
      {children}
    </a>
  );
}

function Run({ run }: { run: TextRun }) {
  let node: ComponentChildren = run.text;
  if (run.italic) node = <em>{node}</em>;
  if (run.bold) node = <strong>{node}</strong>;
  const href = safeHref(run.href);
  return href ? <Link href={href}>{node}</Link> : node;
}

/** Inline runs as text with <strong>, <em> and links; text is escaped by JSX. */
export function InlineText({ runs }: { runs: Inline | undefined }) {
  if (!runs || runs.length === 0) return null;
  if (runs.length === 1) return <Run run={runs[0]!} />;
  return (
    <>
      {runs.map((run, i) => (
        <Run run={run} key={i} />
      ))}
    </>
  );
}
