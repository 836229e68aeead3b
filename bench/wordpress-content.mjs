// Times the WordPress content converter (src/importers/wordpress/content.ts) on 200 KB posts:
// classic-editor HTML (wpautop paragraphs, links, a [caption] now and then), block-editor
// markup, and the same with a table and embeds mixed in. Goal: a 200 KB post well under 100 ms.
// Needs `npm run build` (reads dist/); CONTENT_FROM_SOURCE=1 with `npx tsx` reads the source.
//
//   node bench/wordpress-content.mjs [runs]

const { convertWordPressContent } = await import(
  process.env.CONTENT_FROM_SOURCE
    ? "../src/importers/wordpress/content.ts"
    : "../dist/importers/wordpress/content.js"
);

const SIZE = 200_000;
const runs = Number(process.argv[2] ?? 30);
const fill = (unit) => unit.repeat(Math.ceil(SIZE / unit.length));

const classic = fill(
  'Some <strong>bold</strong> text with <a href="https://example.org/a">a link</a>, an <em>emphasis</em> and a line\nthat wraps like pasted mail.\n\n' +
    '[caption id="attachment_12" align="aligncenter" width="640"]<img class="wp-image-12" src="https://example.org/wp-content/uploads/p-640x480.jpg" alt="A photo" /> A caption[/caption]\n\n',
);
const blocks = fill(
  '<!-- wp:paragraph -->\n<p>Some <strong>bold</strong> text with <a href="https://example.org/a">a link</a> and more words to fill the line.</p>\n<!-- /wp:paragraph -->\n\n' +
    '<!-- wp:heading -->\n<h2 class="wp-block-heading">A heading</h2>\n<!-- /wp:heading -->\n\n',
);
const mixed = fill(
  '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","providerNameSlug":"youtube"} -->\n<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div></figure>\n<!-- /wp:embed -->\n\n' +
    '<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>1</td><td>2</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n\n' +
    "Classic text between blocks.\n\nAnother paragraph.\n\n",
);

function time(name, content) {
  const first = performance.now();
  convertWordPressContent(content);
  const cold = performance.now() - first;
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    convertWordPressContent(content);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))];
  console.log(
    `${name.padEnd(8)} ${(content.length / 1000).toFixed(0)} KB: first ${cold.toFixed(1)} ms, median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${runs} runs)`,
  );
}

time("classic", classic);
time("blocks", blocks);
time("mixed", mixed);
