import { issueAt } from "../env.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** Who said the quotation, in what setting, and where it was published. */
export function QuoteFields({ attrs, update, issues, uid, focusField, readOnly }: BlockViewProps) {
  return (
    <>
      <OtherIssues
        messages={issues
          .filter((i) => i.path === "content" || i.path.startsWith("content."))
          .map((i) => `Quotation: ${i.message}`)}
      />
      <div class="block-fields block-fields-2">
        <BlockField
          id={`${uid}-speaker`}
          label="Speaker"
          required
          placeholder="Who said it, e.g. Claudia Sheinbaum"
          value={text(attrs.speaker)}
          onValue={(speaker) => update({ speaker })}
          error={issueAt(issues, "speaker")}
          autofocus={focusField === "speaker"}
          readOnly={readOnly}
        />
        <BlockField
          id={`${uid}-setting`}
          label="Setting"
          optional
          placeholder="e.g. to Sean Hannity, Fox News"
          value={text(attrs.setting)}
          onValue={(setting) => update({ setting })}
          error={issueAt(issues, "setting")}
          readOnly={readOnly}
        />
      </div>
      <BlockField
        id={`${uid}-source`}
        label="Source link"
        optional
        type="url"
        placeholder="https://…"
        value={text(attrs.sourceUrl)}
        onValue={(sourceUrl) => update({ sourceUrl })}
        error={issueAt(issues, "sourceUrl")}
        readOnly={readOnly}
      />
    </>
  );
}
