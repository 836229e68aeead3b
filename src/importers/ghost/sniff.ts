// The first bytes of a file tell most wrong files apart before any JSON is parsed, and say what
// the file is instead (a WordPress export, a ZIP Ghost hands out from Labs, XML, binary…).

/**
 * Checks the first bytes of a file (a few KB): null when it may be a Ghost JSON export, else a
 * sentence saying what it is instead (the caller wraps it in a GhostExportError).
 */
export function sniffGhostHead(head: Uint8Array): string | null {
  if (head.length === 0) return "the file is empty, not a Ghost export (JSON)";
  if (head[0] === 0x50 && head[1] === 0x4b)
    return "this is a ZIP archive, not a Ghost export; unzip it and import the .json file inside";
  if (head[0] === 0x1f && head[1] === 0x8b)
    return "this is a gzip-compressed file; decompress it first and import the .json file";
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))
    return "the file is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)";
  if (head.includes(0)) return "this is a binary file, not a Ghost export (JSON text)";
  const text = new TextDecoder("latin1").decode(head).replace(/^\xEF\xBB\xBF/, "");
  const start = text.trimStart();
  if (start.startsWith("<")) {
    if (/wordpress\.org\/export|<wp:wxr_version|<rss/i.test(start))
      return "this is a WordPress export (WXR), not a Ghost export; use `masthead import wordpress`";
    return "this is XML or HTML, not a Ghost export; in Ghost use Settings → Labs → Export your content and import the .json file it downloads";
  }
  if (!start.startsWith("{"))
    return start.startsWith("[")
      ? "this JSON file holds a list, not a Ghost export (an object with `db` or `data`)"
      : "this is not JSON, so not a Ghost export; in Ghost use Settings → Labs → Export your content and import the .json file it downloads";
  return null;
}
