// Line icons drawn in 20×20 boxes; decorative, so hidden from screen readers.

const PATHS = {
  articles: "M5 3h7l3 3v11H5zM12 3v3h3M7.5 9.5h5M7.5 12h5M7.5 14.5h3",
  pages: "M4 3h12v14H4zM7 7h6M7 10h6",
  people:
    "M7.5 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM2.5 16c.4-2.8 2.4-4.5 5-4.5s4.6 1.7 5 4.5M13 4.3a2.5 2.5 0 0 1 0 4.4M14.5 11.7c1.6.5 2.7 2 3 4.3",
  sections: "M3 4h14M3 10h14M3 16h14M6 4v0M6 10v0",
  media: "M3 4h14v12H3zM3 13l4-4 3 3 2-2 5 5M13 7.5a1 1 0 1 0 0-.01",
  comments: "M3 4h14v9H8l-4 3v-3H3z",
  trackers: "M4 4h12v12H4zM7 8h6M7 11h6M7 14h3",
  tags: "M3 3h7l7 7-7 7-7-7zM6.5 6.5v.01",
  settings:
    "M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM10 2.5v2M10 15.5v2M2.5 10h2M15.5 10h2M4.7 4.7l1.4 1.4M13.9 13.9l1.4 1.4M4.7 15.3l1.4-1.4M13.9 6.1l1.4-1.4",
  users: "M10 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM4 17c.5-3.3 2.9-5 6-5s5.5 1.7 6 5",
  plus: "M10 4v12M4 10h12",
  logout: "M8 4H4v12h4M12 6l4 4-4 4M16 10H8",
  search: "M9 15a6 6 0 1 0 0-12 6 6 0 0 0 0 12zM13.5 13.5 17 17",
  external: "M11 3h6v6M17 3l-8 8M14 12v5H3V6h5",
  up: "M10 15V5M5 10l5-5 5 5",
  down: "M10 5v10M5 10l5 5 5-5",
  trash: "M4 6h12M8 6V4h4v2M5.5 6l1 11h7l1-11",
  warning: "M10 3 2 17h16zM10 8v4M10 14.5v.5",
  check: "M4 10.5 8 14l8-8",
  history: "M3 10a7 7 0 1 0 2-4.9M3 3v3h3M10 6v4l3 2",
  redirect: "M3 6h9a4 4 0 0 1 0 8H6M9 11l-3 3 3 3",
  transfer: "M6 3v11M3 11l3 3 3-3M14 17V6M11 9l3-3 3 3",
  mail: "M3 5h14v10H3zM3 5l7 6 7-6",
  eye: "M1.5 10S4.5 4 10 4s8.5 6 8.5 6-3 6-8.5 6-8.5-6-8.5-6zM10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
} as const;

export type IconName = keyof typeof PATHS;

/** A small line icon. */
export function Icon({ name, size = 18 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
