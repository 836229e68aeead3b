// How times, names and statuses read in the app.

import type { ArticleStatus } from "../../content/index.js";

const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** "12:03" */
export function formatTime(value: string | Date): string {
  return time.format(new Date(value));
}

/** "Nov 25, 2025, 12:03 PM" (in the reader's locale). */
export function formatDateTime(value: string | Date): string {
  return dateTime.format(new Date(value));
}

/** "Nov 25, 2025" */
export function formatDate(value: string | Date): string {
  return date.format(new Date(value));
}

/** "just now", "5 min ago", "3 h ago", or the date for anything older than a day. */
export function formatAgo(value: string | Date, now = new Date()): string {
  const seconds = (now.getTime() - new Date(value).getTime()) / 1000;
  if (seconds < 0) return formatDateTime(value);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return formatDate(value);
}

/** What each status is called on screen. */
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
};

/** A `datetime-local` input's value for a time (local time, minutes). */
export function toLocalInput(value: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T${pad(
    value.getHours(),
  )}:${pad(value.getMinutes())}`;
}

/** "1 person", "3 people" */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "0:07", "12:30", "1:02:03": how long a sound or video file plays, as players show it. */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** What a tile shows for a file without a picture: its type, and how long it plays if known. */
export function fileTileLabel(item: { mimeType: string; durationMs?: number | null }): string {
  return typeof item.durationMs === "number"
    ? `${item.mimeType} · ${formatDuration(item.durationMs)}`
    : item.mimeType;
}
