// The headline and dek above the body: one line each, Enter moves on.

import type { Ref } from "preact";
import type { ArticleMeta } from "./meta.js";

interface TitleFieldsProps {
  meta: ArticleMeta;
  change: (patch: Partial<ArticleMeta>) => void;
  /** The message to show under a field, or null (already filtered for what is shown). */
  issue: (field: string) => string | null;
  readOnly: boolean;
  isPage: boolean;
  headlineRef: Ref<HTMLTextAreaElement>;
  /** Marks a field as touched (its messages may show from then on). */
  touch: (field: string) => void;
  /** Enter in the dek: on to the body. */
  focusBody: () => void;
}

/** One line of text: a pasted line break becomes a space. */
const oneLine = (value: string) => value.replace(/\s*\n\s*/g, " ");

/** Headline and dek fields. */
export function TitleFields(props: TitleFieldsProps) {
  const { meta, change, issue, readOnly } = props;
  const headlineIssue = issue("headline");
  const dekIssue = issue("dek");
  return (
    <>
      <div class={`field field-headline${headlineIssue ? " field-invalid" : ""}`}>
        <label for="headline" class="field-label">
          Headline
        </label>
        <textarea
          id="headline"
          ref={props.headlineRef}
          class="headline-input"
          rows={1}
          placeholder="Write a headline"
          value={meta.headline}
          readOnly={readOnly}
          aria-invalid={headlineIssue ? true : undefined}
          aria-describedby={headlineIssue ? "headline-error" : undefined}
          onInput={(e) => change({ headline: oneLine(e.currentTarget.value) })}
          onBlur={() => props.touch("headline")}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              document.getElementById("dek")?.focus();
            }
          }}
        />
        {headlineIssue ? (
          <p id="headline-error" class="field-error">
            {headlineIssue}
          </p>
        ) : null}
      </div>
      <div class={`field field-dek${dekIssue ? " field-invalid" : ""}`}>
        <label for="dek" class="field-label">
          Dek <span class="field-optional">— one or two sentences under the headline</span>
        </label>
        <textarea
          id="dek"
          class="dek-input"
          rows={2}
          placeholder={
            props.isPage ? "What readers find on this page" : "What happened, and why it matters"
          }
          value={meta.dek}
          readOnly={readOnly}
          aria-invalid={dekIssue ? true : undefined}
          aria-describedby={dekIssue ? "dek-error" : undefined}
          onInput={(e) => change({ dek: oneLine(e.currentTarget.value) })}
          onBlur={() => props.touch("dek")}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              props.focusBody();
            }
          }}
        />
        {dekIssue ? (
          <p id="dek-error" class="field-error">
            {dekIssue}
          </p>
        ) : null}
      </div>
    </>
  );
}
