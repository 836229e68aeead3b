// WordPress serves resized copies of each upload under the original's name plus a suffix:
// `photo-1024x768.jpg` (an intermediate size), `photo-scaled.jpg` (the "big image" copy made
// since 5.3) and `photo-rotated.jpg` (EXIF-rotated). Posts link the copies; the media library
// wants the original file, which sits in the same folder without the suffix.

// The suffix must sit right before the extension: `photo-1024x768-1.jpg` is a second upload of
// a file named `photo-1024x768.jpg`, not a size of `photo.jpg`.
const SIZE_SUFFIX = /-\d{1,5}x\d{1,5}(?=\.[A-Za-z0-9]{1,5}$)/;
const COPY_SUFFIX = /-(?:scaled|rotated)(?=\.[A-Za-z0-9]{1,5}$)/;

/**
 * The original of a WordPress image URL: strips -1024x768 and -scaled (and -rotated) size
 * suffixes before the extension; the query and fragment are kept, anything else is unchanged.
 * @example originalImageUrl("https://ex.org/wp-content/uploads/2020/01/photo-1024x768.jpg")
 *   // "https://ex.org/wp-content/uploads/2020/01/photo.jpg"
 */
export function originalImageUrl(url: string): string {
  const cut = url.search(/[?#]/);
  const path = cut === -1 ? url : url.slice(0, cut);
  const rest = cut === -1 ? "" : url.slice(cut);
  let original = path.replace(SIZE_SUFFIX, "");
  // `photo-rotated-scaled.jpg` is possible: each copy suffix is removed once.
  for (let i = 0; i < 2; i += 1) original = original.replace(COPY_SUFFIX, "");
  return original + rest;
}
