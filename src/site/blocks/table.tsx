import type { TableBlock } from "../../content/index.js";
import { InlineText } from "./inline.js";

/**
 * A table with its caption and, when the first row is headers, `<th scope="col">` cells in a
 * `<thead>`. The wrapper scrolls sideways on narrow screens; as a labelled, focusable region (a <section> with a name) a
 * keyboard user can scroll it too (WCAG 2.1.1, axe's scrollable-region-focusable).
 */
export function Table({ block }: { block: TableBlock }) {
  const [first, ...rest] = block.rows;
  const head = block.headerRow && first ? first : undefined;
  const body = head ? rest : block.rows;
  const label = block.caption ? block.caption : "Table";
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus so a keyboard can scroll it.
    <section class="table-block" aria-label={label} tabIndex={0}>
      <table>
        {block.caption ? <caption>{block.caption}</caption> : null}
        {head ? (
          <thead>
            <tr>
              {head.map((cell, i) => (
                <th scope="col" key={i}>
                  <InlineText runs={cell} />
                </th>
              ))}
            </tr>
          </thead>
        ) : null}
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>
                  <InlineText runs={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
