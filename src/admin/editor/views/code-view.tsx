import { issueAt } from "../env.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");

/** What the code is written in (optional), and the code's own issues. */
export function CodeHead({ attrs, update, issues, uid, readOnly, focusField }: BlockViewProps) {
  return (
    <>
      <BlockField
        id={`${uid}-language`}
        label="Language"
        optional
        placeholder="e.g. python, sql, json"
        value={text(attrs.language)}
        onValue={(language) => update({ language })}
        error={issueAt(issues, "language")}
        autofocus={focusField === "language"}
        readOnly={readOnly}
      />
      <OtherIssues
        messages={issues.filter((i) => i.path.startsWith("code")).map((i) => `Code: ${i.message}`)}
      />
    </>
  );
}
