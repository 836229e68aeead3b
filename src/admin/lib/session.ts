// Who is signed in. The session itself is an HttpOnly cookie the app never sees; the app keeps
// the user and the CSRF token the session endpoints return, in memory.

import type { Role } from "../../content/index.js";
import { ApiError, api, onUnauthenticated, setCsrfToken } from "./api.js";
import { clearAllDrafts } from "./local-drafts.js";
import { resetReference } from "./reference.js";
import { observable } from "./store.js";

/** The signed-in account as the API describes it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  personId: string | null;
}

export type SessionState =
  | { status: "loading" }
  | {
      status: "signed-out";
      notice?: string /** Set when the session ended under a working user. */;
      expired?: SessionUser;
    }
  | { status: "signed-in"; user: SessionUser };

interface SessionReply {
  user: SessionUser;
  csrfToken: string;
}

/** The app's session; screens watch it with useObservable. */
export const session = observable<SessionState>({ status: "loading" });

function signedIn(reply: SessionReply): SessionUser {
  setCsrfToken(reply.csrfToken);
  session.set({ status: "signed-in", user: reply.user });
  return reply.user;
}

function signedOut(notice?: string) {
  setCsrfToken(null);
  resetReference();
  session.set(notice ? { status: "signed-out", notice } : { status: "signed-out" });
}

onUnauthenticated(() => {
  const current = session.get();
  // The screen stays as it is (an open article keeps its unsaved text) under a sign-in dialog.
  if (current.status === "signed-in") {
    setCsrfToken(null);
    session.set({
      status: "signed-out",
      notice: "Your session has ended. Sign in again to continue; what you have not saved is kept.",
      expired: current.user,
    });
  }
});

/** Asks the server whether this browser has a session (on start). */
export async function loadSession(): Promise<void> {
  try {
    signedIn(await api<SessionReply>("GET", "/session", undefined, { quietUnauthenticated: true }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) signedOut();
    else throw error;
  }
}

/** Signs in with email and password. */
export async function signIn(email: string, password: string): Promise<SessionUser> {
  return signedIn(
    await api<SessionReply>(
      "POST",
      "/session",
      { email, password },
      { quietUnauthenticated: true },
    ),
  );
}

/** Ends this browser's session. */
export async function signOut(): Promise<void> {
  try {
    await api("DELETE", "/session");
  } finally {
    // Unsaved text kept in this browser goes too: the next person at this computer sees none.
    clearAllDrafts();
    signedOut("You have signed out.");
  }
}

/** Ends every session of this account, on every device. */
export async function signOutEverywhere(): Promise<void> {
  try {
    await api("DELETE", "/sessions");
  } finally {
    // Unsaved text kept in this browser goes too: the next person at this computer sees none.
    clearAllDrafts();
    signedOut("You have signed out on every device.");
  }
}

/** Adopts the session a setup, invitation or reset answer started, if it started one. */
export function adoptSession(reply: unknown): boolean {
  const r = reply as Partial<SessionReply> | undefined;
  if (r?.user && typeof r.csrfToken === "string") {
    signedIn(r as SessionReply);
    return true;
  }
  return false;
}

/**
 * Where a session a link started goes: the articles list, asking for the byline first when the
 * server says so (askByline: the account's first sign-in, its byline without role title or bio).
 */
export function landingAfterLink(reply: unknown): string {
  const askByline = (reply as { askByline?: unknown } | undefined)?.askByline === true;
  return askByline ? "/articles?welcome=byline" : "/articles";
}
