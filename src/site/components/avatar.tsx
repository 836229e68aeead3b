import type { MediaItem, Person } from "../../content/index.js";
import { mediaPath } from "../../content/public-paths.js";
import { fallbackOf, renditionsByFormat, srcsetOf } from "./picture.js";

/**
 * A person's portrait at a fixed display size; nothing when they have none. An uploaded portrait
 * is offered as a WebP srcset (every current browser reads WebP) so a 64-pixel byline avatar
 * downloads a small rendition, not the original; a plain `<img>` stays out of the byline's flex
 * layout, where a `<picture>` wrapper would become the flex item.
 */
export function Avatar({
  person,
  media,
  size,
  lazy = false,
}: {
  person: Person;
  media: MediaItem | undefined;
  size: number;
  lazy?: boolean;
}) {
  if (!media) return null;
  const formats = renditionsByFormat(media);
  const renditions = (formats.find(([f]) => f === "webp") ?? formats.at(-1))?.[1];
  return (
    <img
      class="avatar"
      src={mediaPath(renditions ? fallbackOf(renditions, size * 2).storageKey : media.storageKey)}
      srcset={renditions ? srcsetOf(renditions) : undefined}
      sizes={renditions ? `${size}px` : undefined}
      alt={person.avatarAlt || person.name}
      width={size}
      height={size}
      loading={lazy ? "lazy" : undefined}
      decoding="async"
    />
  );
}
