import type { Editor, JSONContent } from "@tiptap/core";
import { NODE } from "../convert.js";
import { issueAt } from "../env.js";
import { cellAt } from "../extensions/table.js";
import { BlockField, OtherIssues } from "./block-field.js";
import type { BlockViewProps } from "./block-view.js";

const text = (v: unknown) => (typeof v === "string" ? v : "");
const emptyCell = (): JSONContent => ({ type: NODE.tableCell });

type Rows = JSONContent[][];

/** Rewrites the grid of the table at `pos` (its caption and header row stay). */
function reshape(editor: Editor, pos: number, change: (rows: Rows) => Rows): void {
  const node = editor.state.doc.nodeAt(pos);
  if (!node) return;
  const json = node.toJSON() as JSONContent;
  const rows = change((json.content ?? []).map((row) => row.content ?? []));
  if (rows.length === 0 || (rows[0]?.length ?? 0) === 0) return;
  const next = editor.schema.nodeFromJSON({
    ...json,
    content: rows.map((cells) => ({ type: NODE.tableRow, content: cells })),
  });
  editor.view.dispatch(editor.state.tr.replaceWith(pos, pos + node.nodeSize, next));
}

/** The caption, the header row switch and the buttons that add and remove rows and columns. */
export function TableHead({ attrs, update, issues, uid, node, env, readOnly }: BlockViewProps) {
  const editor = env.editor;
  // Rows and columns are added after (and removed at) the caret's cell when it is in this
  // table, else at the end.
  const act = (change: (rows: Rows, at: { row: number; col: number }) => Rows) => () => {
    if (!editor) return;
    let pos = -1;
    editor.state.doc.descendants((n, p) => {
      if (n === node) pos = p;
      return pos < 0 && n.type.name !== NODE.table;
    });
    if (pos < 0) return;
    const caret = cellAt(editor);
    const last = { row: node.childCount - 1, col: (node.firstChild?.childCount ?? 1) - 1 };
    const at = caret && caret.tablePos === pos ? caret : last;
    reshape(editor, pos, (rows) => change(rows, at));
  };
  const width = node.firstChild?.childCount ?? 0;
  const cells = node.childCount * width;
  return (
    <>
      <div class="block-fields block-fields-2">
        <BlockField
          id={`${uid}-caption`}
          label="Caption"
          optional
          placeholder="What the table shows, e.g. Seats won, by party"
          value={text(attrs.caption)}
          onValue={(caption) => update({ caption })}
          error={issueAt(issues, "caption")}
          readOnly={readOnly}
        />
        <div class="block-field block-check">
          <label>
            <input
              type="checkbox"
              checked={attrs.headerRow === true}
              disabled={readOnly}
              onChange={(e) => update({ headerRow: e.currentTarget.checked })}
            />{" "}
            First row holds the column headings
          </label>
        </div>
      </div>
      {readOnly ? null : (
        <fieldset class="table-tools">
          <legend class="visually-hidden">Rows and columns</legend>
          <button
            type="button"
            class="button button-small"
            onClick={act((rows, at) => [
              ...rows.slice(0, at.row + 1),
              Array.from({ length: width }, emptyCell),
              ...rows.slice(at.row + 1),
            ])}
          >
            Add row
          </button>
          <button
            type="button"
            class="button button-small"
            onClick={act((rows, at) =>
              rows.map((row) => [
                ...row.slice(0, at.col + 1),
                emptyCell(),
                ...row.slice(at.col + 1),
              ]),
            )}
          >
            Add column
          </button>
          <button
            type="button"
            class="button button-small"
            disabled={node.childCount < 2}
            onClick={act((rows, at) => rows.filter((_, i) => i !== at.row))}
          >
            Remove row
          </button>
          <button
            type="button"
            class="button button-small"
            disabled={width < 2}
            onClick={act((rows, at) => rows.map((row) => row.filter((_, i) => i !== at.col)))}
          >
            Remove column
          </button>
          <span class="field-hint">
            {node.childCount} × {width} ({cells} cells). Tab moves to the next cell.
          </span>
        </fieldset>
      )}
      <OtherIssues
        messages={issues
          .filter((i) => i.path === "rows" || i.path.startsWith("rows."))
          .map((i) => i.message)}
      />
    </>
  );
}
