import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { DialogActions } from "../../src/admin/components/dialog.js";

const noop = () => undefined;

describe("a dialog's action row", () => {
  it("offers Cancel, then the main button submitting the dialog's form", () => {
    const html = render(<DialogActions form="tag-form" label="Save" onCancel={noop} />);
    expect(html).toMatch(/^<button type="button" class="button">Cancel<\/button>/);
    expect(html).toContain(
      '<button type="submit" form="tag-form" class="button button-primary">Save</button>',
    );
  });

  it("while busy, disables only the main button and says what it is doing", () => {
    const html = render(
      <DialogActions form="f" label="Save" busyLabel="Saving…" busy onCancel={noop} />,
    );
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Saving…<\/button>$/);
    expect(html).toMatch(/^<button type="button" class="button">Cancel/);
  });

  it("marks a destructive job, names its own cancel word and puts extra content first", () => {
    const html = render(
      <DialogActions
        label="Delete drafts"
        danger
        cancelLabel="Later"
        onConfirm={noop}
        onCancel={noop}
      >
        <span>status</span>
      </DialogActions>,
    );
    expect(html).toMatch(/^<span>status<\/span><button[^>]*>Later<\/button>/);
    expect(html).toContain(
      '<button type="button" class="button button-danger">Delete drafts</button>',
    );
  });

  it("keeps the main button disabled while a choice is missing", () => {
    const html = render(<DialogActions label="Use this image" disabled onCancel={noop} />);
    expect(html).toMatch(/<button[^>]*disabled[^>]*>Use this image<\/button>$/);
  });
});
