import { can, htmlToText } from "../../../content/index.js";
import { session } from "../../lib/session.js";
import { OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";
import { LegacyHtmlHead, legacyHtmlLabel } from "./legacy-html-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Whether the signed-in account may write HTML blocks (the API checks it again on save). */
export function mayWriteHtml(): boolean {
  const state = session.get();
  return state.status === "signed-in" && can(state.user.role, "block.html");
}

/** An imported block says why it could not be converted; staff HTML has no reason. */
export function htmlLabel(attrs: Record<string, unknown>): string {
  return text(attrs.reason).trim() ? legacyHtmlLabel(attrs) : "HTML";
}

/**
 * An HTML block. Imported: a preview of its text, as before. Written by staff: its source in a
 * text area for those with `block.html` (sanitized on the site like imported HTML), else the
 * preview; either way the admin never renders it as markup.
 */
export function HtmlHead(props: BlockViewProps) {
  const { attrs, update, issues, uid, readOnly, focusField } = props;
  if (text(attrs.reason).trim()) return <LegacyHtmlHead {...props} />;
  const html = text(attrs.html);
  if (readOnly || !mayWriteHtml())
    return (
      <>
        <p class="field-hint">Only editors and owners change HTML. Its text:</p>
        <section class="legacy-html-preview" aria-label="Text of the HTML">
          {htmlToText(html)
            .split("\n")
            .map((line, i) => (
              <p key={i}>{line}</p>
            ))}
        </section>
      </>
    );
  return (
    <div class="block-field">
      <label for={`${uid}-html`}>
        HTML<span class="required-mark"> (required)</span>
      </label>
      <textarea
        id={`${uid}-html`}
        class="html-source"
        rows={6}
        spellcheck={false}
        value={html}
        aria-describedby={`${uid}-html-hint`}
        ref={(el) => {
          if (el && focusField === "html") el.focus();
        }}
        onInput={(e) => update({ html: e.currentTarget.value })}
      />
      <p id={`${uid}-html-hint`} class="field-hint">
        Readers get it sanitized: text, links, lists, tables and images stay; scripts, styles,
        frames and forms are removed.
      </p>
      <OtherIssues messages={issues.map((i) => i.message)} />
    </div>
  );
}
