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
