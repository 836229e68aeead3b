import { htmlToText } from "../../../content/index.js";
import { OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The block's name in the editor: what it is and why the import could not convert it. */
export function legacyHtmlLabel(attrs: Record<string, unknown>): string {
  const reason = text(attrs.reason).trim();
  return `Imported HTML — could not be converted${reason ? ` (${reason})` : ""}`;
}

/**
 * What the imported HTML says, as text: the admin never renders stored HTML as markup (Preact
 * escapes these lines), so a hostile block cannot run in an editor's session.
 */
export function LegacyHtmlHead({ attrs, issues, uid }: BlockViewProps) {
  const lines = htmlToText(text(attrs.html)).split("\n");
  return (
    <>
      <p class="field-hint" id={`${uid}-hint`}>
        Readers see it as it was. To convert it, write its content as blocks, then remove this box.
      </p>
      <section
        class="legacy-html-preview"
        aria-label="Text of the imported HTML"
        aria-describedby={`${uid}-hint`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls, so keyboard users must reach it (axe scrollable-region-focusable).
        tabIndex={0}
      >
        {lines.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </section>
      <OtherIssues messages={issues.map((i) => i.message)} />
    </>
  );
}
