// Strings an importer keeps past the record they came from (ids, titles for the report).

/**
 * A string that shares no memory with the text it was cut from. V8 keeps a substring of 13 or
 * more characters as a view of its parent, so a post id kept for the whole run would otherwise
 * keep the parser's whole chunk alive: every id of a 10,000-post import held the file's text.
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, "utf8").toString("utf8");
}
