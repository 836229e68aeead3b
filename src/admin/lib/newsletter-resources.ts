// The admin API calls of the Newsletters screen (newsletters and their editions), beside
// resources.ts; the answers' types come from the services that build them.

import type { EditionEdit, EditionFromArticle, NewsletterInput } from "../../content/index.js";
import type { EditionWithFigures } from "../../services/editions.js";
import type { NewsletterWithCounts } from "../../services/newsletters.js";
import { API_BASE, ApiError, api } from "./api.js";
import type { Page } from "./types.js";

export type { EditionWithFigures, NewsletterWithCounts };

export const newsletters = {
  list: () => api<Page<NewsletterWithCounts>>("GET", "/newsletters").then((r) => r.items),
  create: (input: NewsletterInput) =>
    api<{ newsletter: NewsletterWithCounts }>("POST", "/newsletters", input),
  update: (id: string, input: NewsletterInput) =>
    api<{ newsletter: NewsletterWithCounts }>("PUT", `/newsletters/${id}`, input),
  remove: (id: string) => api<void>("DELETE", `/newsletters/${id}`),
  editions: (id: string) =>
    api<Page<EditionWithFigures>>("GET", `/newsletters/${id}/editions`).then((r) => r.items),
};

export const editions = {
  get: (id: string) =>
    api<{ edition: EditionWithFigures }>("GET", `/editions/${id}`).then((r) => r.edition),
  fromArticle: (input: Partial<EditionFromArticle>) =>
    api<{ edition: EditionWithFigures }>("POST", "/editions", input).then((r) => r.edition),
  update: (id: string, input: EditionEdit) =>
    api<{ edition: EditionWithFigures }>("PUT", `/editions/${id}`, input).then((r) => r.edition),
  remove: (id: string) => api<void>("DELETE", `/editions/${id}`),
  sendTest: (id: string) => api<{ to: string }>("POST", `/editions/${id}/test`),
  send: (id: string) =>
    api<{ edition: EditionWithFigures }>("POST", `/editions/${id}/send`).then((r) => r.edition),
  /** The rendered message (HTML document or plain text), not JSON. */
  async preview(id: string, format: "html" | "text"): Promise<string> {
    const response = await fetch(`${API_BASE}/editions/${id}/preview?format=${format}`, {
      credentials: "same-origin",
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message?: string };
      } | null;
      throw new ApiError(
        response.status,
        response.status === 409 ? "MH_CONFLICT" : "MH_BAD_REQUEST",
        body?.error?.message ?? `The preview could not be made (${response.status}).`,
      );
    }
    return response.text();
  },
};
