import type { CodeBlock } from "../../content/index.js";

/**
 * Code exactly as written: `<pre>` keeps its whitespace and Preact escapes every character, so
 * markup inside it is shown, never run. The language is a visible label and a `language-*`
 * class (the HTML standard's convention), for readers and any highlighter a theme adds.
 */
export function Code({ block }: { block: CodeBlock }) {
  return (
    <figure class="code-block">
      {block.language ? <figcaption class="code-language">{block.language}</figcaption> : null}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: long lines scroll, so the keyboard must reach them. */}
      <pre tabIndex={0}>
        <code class={block.language ? `language-${block.language.toLowerCase()}` : undefined}>
          {block.code}
        </code>
      </pre>
    </figure>
  );
}
