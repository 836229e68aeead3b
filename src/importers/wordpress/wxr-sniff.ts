// The first bytes of a file tell most wrong files apart before any XML is parsed, and say what
// the file is instead: a ZIP (wordpress.com hands exports out zipped), a Ghost JSON export, some
// other binary, UTF-16 text. They also carry the XML declaration's encoding, which old WordPress
// set from the site's charset (e.g. ISO-8859-1) and which the reader honours when Node's
// TextDecoder (ICU) knows it.

/** What the reader needs to know before decoding: the text encoding to decode the bytes with. */
export interface WxrSniff {
  /** A WHATWG encoding label TextDecoder accepts; "utf-8" unless the XML declaration says else. */
  encoding: string;
}

/**
 * Checks the first bytes of a file (a few KB) and returns how to decode it, or a sentence
 * saying what the file is instead of a WordPress export (the caller wraps it in a WxrError).
 */
export function sniffWxrHead(head: Uint8Array): WxrSniff | { refuse: string; byteOffset?: number } {
  if (head.length === 0) return { refuse: "the file is empty, not a WordPress export (WXR)" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    return {
      refuse:
        "this is a ZIP archive, not a WordPress export (WXR); unzip it (wordpress.com exports come zipped) and import the .xml file inside",
    };
  }
  if (startsWith(head, [0x1f, 0x8b])) {
    return {
      refuse:
        "this is a gzip-compressed file; decompress it first (gunzip FILE.xml.gz) and import the .xml file",
    };
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return {
      refuse:
        "the file is UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8 FILE.xml > FILE-utf8.xml)",
    };
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    return {
      refuse: "this is a binary file, not a WordPress export (WXR), which is XML text",
      byteOffset: nul,
    };
  }
  // Latin-1 decoding never fails, so it is safe for looking at the first characters.
  const text = new TextDecoder("latin1").decode(head).replace(/^\uFEFF|^\xEF\xBB\xBF/, "");
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) {
    if (/"db"\s*:\s*\[/.test(start) || /"exported_on"|"ghost_/.test(start)) {
      return {
        refuse:
          "this looks like a Ghost JSON export, not a WordPress export (WXR); use `masthead import ghost`",
      };
    }
    return { refuse: "this is a JSON file, not a WordPress export (WXR), which is XML" };
  }
  if (!start.startsWith("<")) {
    return {
      refuse:
        "this is not XML, so not a WordPress export (WXR); in WordPress use Tools → Export → All content and import the file it downloads",
    };
  }
  const declared = /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(start)?.[1];
  if (!declared || /^utf-?8$/i.test(declared)) return { encoding: "utf-8" };
  if (/^utf-?16/i.test(declared)) {
    return {
      refuse: `the file declares encoding="${declared}" but is not UTF-16; convert it to UTF-8 first (iconv -f <its real encoding> -t UTF-8 FILE.xml > FILE-utf8.xml) and fix the declaration`,
    };
  }
  try {
    return { encoding: new TextDecoder(declared).encoding };
  } catch {
    return {
      refuse: `the file is in the encoding "${declared}", which cannot be read here; convert it to UTF-8 first (iconv -f ${declared} -t UTF-8 FILE.xml > FILE-utf8.xml) and change the XML declaration to encoding="UTF-8"`,
    };
  }
}

/**
 * The index of the first byte of `bytes` that does not start or continue a valid UTF-8 sequence,
 * or -1. Only used to say where a file stops being UTF-8 once TextDecoder has refused it.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : 0;
    const fourByte = b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const n = length || fourByte;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) {
      if (i + k >= bytes.length) return -1; // a sequence cut by the chunk's end: undecided here
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}
