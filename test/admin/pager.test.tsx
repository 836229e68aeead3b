import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { Pager } from "../../src/admin/components/pager.js";

const noop = () => undefined;

describe("the admin lists' pager", () => {
  it("shows nothing when the list fits on one page", () => {
    expect(
      render(<Pager label="images" offset={0} pageSize={20} total={20} onOffset={noop} />),
    ).toBe("");
  });

  it("says which items are shown, and offers only the moves there are", () => {
    const first = render(
      <Pager label="comments" offset={0} pageSize={10} total={42} onOffset={noop} />,
    );
    expect(first).toContain('aria-label="Pages of comments"');
    expect(first).toContain("1–10 of 42");
    expect(first).toMatch(/<button[^>]*disabled[^>]*>Previous/);
    expect(first).not.toMatch(/<button[^>]*disabled[^>]*>Next/);
    const last = render(
      <Pager label="comments" offset={40} pageSize={10} total={42} onOffset={noop} />,
    );
    expect(last).toContain("41–42 of 42");
    expect(last).toMatch(/<button[^>]*disabled[^>]*>Next/);
  });
});
