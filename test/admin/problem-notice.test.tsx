import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { ProblemNotice } from "../../src/admin/components/notice.js";

describe("a form's problem notice", () => {
  it("shows nothing while the form has no problem", () => {
    expect(render(<ProblemNotice problem={null} />)).toBe("");
  });

  it("shows the problem's message as an alert, read out when it appears", () => {
    const html = render(<ProblemNotice problem={{ message: "Some fields need attention." }} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain("notice-error");
    expect(html).toContain("Some fields need attention.");
  });
});
