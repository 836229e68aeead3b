import type { MediaItem, Person } from "../../content/index.js";
import { mediaPath } from "../paths.js";

/** A person's portrait at a fixed display size; nothing when they have none. */
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
  return (
    <img
      class="avatar"
      src={mediaPath(media.storageKey)}
      alt={person.avatarAlt || person.name}
      width={size}
      height={size}
      loading={lazy ? "lazy" : undefined}
      decoding="async"
    />
  );
}
