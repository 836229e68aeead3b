// What makes two names or two emails "the same person" to a reader's eye, so that a reader
// cannot post as a member of staff by changing case, spacing, width or a look-alike letter.
import unhomoglyph from "unhomoglyph";

/**
 * Folds a string the way a reader's eye does: compatibility forms (NFKC: full-width letters,
 * ligatures), case, accents, and look-alike letters from other scripts (Unicode's confusables
 * table through `unhomoglyph`: Cyrillic "а" is Latin "a", "m" and "rn" fold alike). Lower case
 * comes before the confusables table as well as after it, since the table maps capital "I" to
 * "l" and would otherwise tell "IAN" from "ian".
 */
function fold(text: string): string {
  const plain = text
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\p{Default_Ignorable_Code_Point}/gu, "");
  return unhomoglyph(plain).toLowerCase();
}

/**
 * A name's key: folded (see fold) with everything but letters and digits left out, so that
 * spacing and punctuation ("Ana  Smith", "Ana.Smith", "Ana Smith!") do not make a new name.
 * @example nameKey(" ＡＮＡ  Smíth ") === nameKey("Ana Smith") // true
 */
export function nameKey(name: string): string {
  return fold(name).replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * An email's key: folded and trimmed, with a "+tag" left out of the local part, since
 * `ana+x@paper.org` reaches the same inbox as `ana@paper.org`.
 * @example emailKey(" Ana+news@Paper.org ") === emailKey("ana@paper.org") // true
 */
export function emailKey(email: string): string {
  const folded = fold(email).trim();
  const at = folded.lastIndexOf("@");
  if (at < 0) return folded;
  const local = folded.slice(0, at).replace(/\+.*$/, "");
  return `${local}${folded.slice(at)}`;
}
