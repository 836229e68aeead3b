// Every admin API call the app makes, in one place: the screens never build URLs themselves.

import type {
  ArticleEdit,
  ArticleKind,
  ArticleStatus,
  CheckOverride,
  Permission,
  PersonInput,
  Redirect,
  RedirectInput,
  Role,
  SectionInput,
  SiteSettings,
  TagInput,
  Tracker,
  TrackerEntry,
  TrackerEntryInput,
  TrackerInput,
} from "../../content/index.js";
import { API_BASE, api, apiUpload, query } from "./api.js";
import type { ChecklistReply, ImportOptions } from "./contract.js";
import type {
  AdminMedia,
  AdminPerson,
  AdminSection,
  AdminTag,
  ArticleListItem,
  ArticleReply,
  Correction,
  ImportRun,
  Page,
  PreviewLink,
  Revision,
  RevisionSummary,
  TrackerListItem,
} from "./types.js";

/** Filters of the articles list. */
export interface ArticleFilter {
  /** Articles unless "page". */
  kind?: ArticleKind;
  status?: ArticleStatus | "";
  sectionId?: string;
  authorId?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export const articles = {
  list: (filter: ArticleFilter = {}) =>
    api<Page<ArticleListItem>>("GET", `/articles${query({ ...filter })}`),
  get: (id: string) => api<ArticleReply>("GET", `/articles/${id}`),
  create: (input: ArticleEdit) => api<ArticleReply>("POST", "/articles", input),
  /** Saves with the version read; a 409 MH_STALE means someone else saved in between. */
  update: (id: string, input: ArticleEdit, version: number) =>
    api<ArticleReply>("PUT", `/articles/${id}`, { ...input, version }),
  remove: (id: string, version: number) =>
    api<void>("DELETE", `/articles/${id}`, undefined, { ifMatch: version }),
  /** `overrides`: the checklist warnings accepted, each with why (publishing and scheduling). */
  transition: (
    id: string,
    to: ArticleStatus,
    version: number,
    publishedAt?: string,
    overrides?: readonly CheckOverride[],
  ) =>
    api<ArticleReply>("POST", `/articles/${id}/transitions`, {
      to,
      version,
      ...(publishedAt ? { publishedAt } : {}),
      ...(overrides ? { overrides } : {}),
    }),
  /** The pre-publish checklist, and the warnings accepted at earlier publications. */
  checklist: (id: string) => api<ChecklistReply>("GET", `/articles/${id}/checklist`),
  revisions: (id: string) =>
    api<Page<RevisionSummary>>("GET", `/articles/${id}/revisions?limit=100`).then((r) => r.items),
  revision: (id: string, revisionId: string) =>
    api<{ revision: Revision }>("GET", `/articles/${id}/revisions/${revisionId}`).then(
      (r) => r.revision,
    ),
  restore: (id: string, revisionId: string, version: number) =>
    api<ArticleReply>("POST", `/articles/${id}/revisions/${revisionId}/restore`, { version }),
  preview: (id: string) => api<PreviewLink>("POST", `/articles/${id}/preview-links`, {}),
  previewLinks: (id: string) =>
    api<Page<{ id: string; expiresAt: string; createdAt: string }>>(
      "GET",
      `/articles/${id}/preview-links`,
    ).then((r) => r.items),
  correct: (id: string, kind: Correction["kind"], note: string) =>
    api<{ correction: Correction }>("POST", `/articles/${id}/corrections`, { kind, note }).then(
      (r) => r.correction,
    ),
};

/** Filters of the redirects list. */
export interface RedirectFilter {
  q?: string;
  limit?: number;
  offset?: number;
}

export const redirects = {
  list: (filter: RedirectFilter = {}) =>
    api<Page<Redirect>>("GET", `/redirects${query({ ...filter })}`),
  create: (input: RedirectInput) =>
    api<{ redirect: Redirect }>("POST", "/redirects", input).then((r) => r.redirect),
  remove: (id: string) => api<void>("DELETE", `/redirects/${id}`),
};

export const people = {
  list: () => api<Page<AdminPerson>>("GET", "/people").then((r) => r.items),
  get: (id: string) => api<{ person: AdminPerson; version: number }>("GET", `/people/${id}`),
  create: (input: PersonInput) =>
    api<{ person: AdminPerson; version: number }>("POST", "/people", input),
  update: (id: string, input: PersonInput, version: number) =>
    api<{ person: AdminPerson; version: number }>("PUT", `/people/${id}`, { ...input, version }),
};

export const sections = {
  list: () => api<Page<AdminSection>>("GET", "/sections").then((r) => r.items),
  create: (input: SectionInput) =>
    api<{ section: AdminSection }>("POST", "/sections", input).then((r) => r.section),
  update: (id: string, input: SectionInput) =>
    api<{ section: AdminSection }>("PUT", `/sections/${id}`, input).then((r) => r.section),
};

export const tags = {
  list: () => api<Page<AdminTag>>("GET", "/tags").then((r) => r.items),
  create: (input: TagInput) => api<{ tag: AdminTag }>("POST", "/tags", input).then((r) => r.tag),
};

export const trackers = {
  list: () => api<Page<TrackerListItem>>("GET", "/trackers").then((r) => r.items),
  get: (id: string) => api<{ tracker: Tracker }>("GET", `/trackers/${id}`).then((r) => r.tracker),
  create: (input: TrackerInput) =>
    api<{ tracker: Tracker }>("POST", "/trackers", input).then((r) => r.tracker),
  update: (id: string, input: Omit<TrackerInput, "entries">) =>
    api<{ tracker: Tracker }>("PUT", `/trackers/${id}`, input).then((r) => r.tracker),
  addEntry: (id: string, entry: TrackerEntryInput) =>
    api<{ entry: TrackerEntry }>("POST", `/trackers/${id}/entries`, entry).then((r) => r.entry),
  updateEntry: (id: string, entryId: string, entry: Partial<TrackerEntryInput>) =>
    api<{ entry: TrackerEntry }>("PATCH", `/trackers/${id}/entries/${entryId}`, entry).then(
      (r) => r.entry,
    ),
  removeEntry: (id: string, entryId: string) =>
    api<void>("DELETE", `/trackers/${id}/entries/${entryId}`),
};

/** What an upload sends besides the file. */
export interface UploadDetails {
  alt: string;
  creator: string;
  sourceName: string;
  sourceUrl: string;
  license: string;
}

export const media = {
  list: (filter: { q?: string; kind?: AdminMedia["kind"]; offset?: number; limit?: number } = {}) =>
    api<Page<AdminMedia>>("GET", `/media${query({ limit: 60, ...filter })}`),
  get: (id: string) => api<{ media: AdminMedia }>("GET", `/media/${id}`).then((r) => r.media),
  upload: (file: File, details: UploadDetails) => {
    const form = new FormData();
    // Text fields first: the server reads them before it streams the file.
    for (const [name, value] of Object.entries(details)) form.append(name, value);
    form.append("file", file);
    return apiUpload<{ media: AdminMedia }>("/media", form).then((r) => r.media);
  },
  update: (
    id: string,
    version: number,
    changes: {
      alt?: string;
      description?: string;
      credit?: {
        creator?: string;
        sourceName?: string;
        sourceUrl?: string | null;
        license?: string;
      };
    },
  ) =>
    api<{ media: AdminMedia }>("PATCH", `/media/${id}`, { version, ...changes }).then(
      (r) => r.media,
    ),
  remove: (id: string) => api<void>("DELETE", `/media/${id}`),
};

/** An account as the users endpoints describe it. */
export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
  createdAt: string;
  disabledAt: string | null;
}

/**
 * A link to hand to someone (invitation, password reset), valid until `expiresAt`; `sentTo` is
 * the address it was also emailed to (null when sending is off).
 */
export interface OneTimeLink {
  url: string;
  expiresAt: string;
  sentTo?: string | null;
}

export const users = {
  list: () => api<{ items: AdminUser[] }>("GET", "/users").then((r) => r.items),
  update: (
    id: string,
    change: { name?: string; role?: Role; personId?: string | null; disabled?: boolean },
  ) => api<AdminUser>("PATCH", `/users/${id}`, change),
  invite: (input: { email: string; role: Role; name?: string }) =>
    api<OneTimeLink>("POST", "/invitations", input),
  resetLink: (id: string) => api<OneTimeLink>("POST", `/users/${id}/reset-link`, {}),
  /** Gives an account without a byline one: the unlinked person of its name, else a new one. */
  makeByline: (id: string) =>
    api<{ user: AdminUser; person: AdminPerson }>("POST", `/users/${id}/byline`, {}),
};

/** One staff notification kind, as GET /me/notifications lists it. */
export interface NotificationSwitch {
  kind: string;
  label: string;
  enabled: boolean;
}

/** The signed-in person's notification switches; `sending` false: email is off on this site. */
export interface NotificationSwitches {
  sending: boolean;
  items: NotificationSwitch[];
}

/** The signed-in person's own byline (role title and bio, asked on first sign-in). */
export const me = {
  notifications: () => api<NotificationSwitches>("GET", "/me/notifications"),
  saveNotifications: (switches: Record<string, boolean>) =>
    api<NotificationSwitches>("PUT", "/me/notifications", { switches }),
  byline: () => api<AdminPerson | null>("GET", "/me/byline"),
  saveByline: (input: { roleTitle: string; bio: string; version?: number }) =>
    api<AdminPerson>("PUT", "/me/byline", input),
};

/** One change for many articles, as POST /articles/bulk takes it (besides `ids`). */
export type BulkChange =
  | { action: "status"; to: ArticleStatus; publishedAt?: string }
  | { action: "section"; sectionId: string | null }
  | { action: "tags" | "authors"; add?: string[]; remove?: string[] }
  | { action: "delete" };

/** What became of each article of a batch. */
export type BulkOutcome =
  | { id: string; outcome: "done"; status: ArticleStatus | null }
  | { id: string; outcome: "unchanged"; status: ArticleStatus }
  | { id: string; outcome: "refused"; error: { code: string; message: string } };

export interface BulkReport {
  results: BulkOutcome[];
  done: number;
  unchanged: number;
  refused: number;
}

/** The most articles one bulk request may name (the API's BULK_MAX_ARTICLES). */
export const BULK_MAX_ARTICLES = 200;

export const articleBulk = {
  apply: (ids: string[], change: BulkChange) =>
    api<BulkReport>("POST", "/articles/bulk", { ids, ...change }),
};

export const settings = {
  get: () => api<SiteSettings>("GET", "/settings"),
  update: (input: SiteSettings) => api<SiteSettings>("PUT", "/settings", input),
};

/** An integration's key as listed (never its secret). */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  permissions: Permission[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const apiKeys = {
  list: () => api<{ items: ApiKeyInfo[] }>("GET", "/api-keys").then((r) => r.items),
  create: (input: { name: string; role: Role; permissions: Permission[] }) =>
    api<{ apiKey: ApiKeyInfo; secret: string }>("POST", "/api-keys", input),
  revoke: (id: string) => api<void>("DELETE", `/api-keys/${id}`),
};

/** What an import is asked to do. */
/** An import's options: the schema POST /imports reads them with (contract.ts). */
export type { ImportOptions };

export const imports = {
  list: () => api<{ items: ImportRun[] }>("GET", "/imports").then((r) => r.items),
  get: (id: string) => api<{ run: ImportRun }>("GET", `/imports/${id}`).then((r) => r.run),
  /** Uploads the export file and starts a run (202: it is queued, poll `get`). */
  start: (file: File, options: ImportOptions) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(options)) form.append(name, String(value));
    form.append("file", file);
    return apiUpload<{ run: ImportRun }>("/imports", form).then((r) => r.run);
  },
  /** Runs an earlier run's file again (a dry run imported for real) without uploading it again. */
  rerun: (id: string, options: ImportOptions) =>
    api<{ run: ImportRun }>("POST", `/imports/${id}/rerun`, options).then((r) => r.run),
  /** Where the export downloads from: a plain link, so the browser saves it as it streams. */
  exportUrl: `${API_BASE}/export`,
};
