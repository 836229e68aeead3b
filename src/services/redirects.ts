// Redirects from old addresses, as editors add and remove them. A redirect is consulted only
// where no page lives, so the one address whose answer changes is its start.
import { type Actor, actorCan } from "../auth/actor.js";
import {
  type ChangeEvent,
  type ChangeType,
  forbidden,
  NotFoundError,
  type Redirect,
  type RedirectInput,
  type RedirectRule,
} from "../content/index.js";
import {
  addRedirect,
  getRedirectById,
  recordChanges,
  removeRedirect,
  type Store,
  transact,
} from "../store/index.js";

/**
 * Adds an editor's redirect. Throws MH_FORBIDDEN, ContentInvalidError (paths `from`, `to`),
 * RedirectRefusedError (a live page, a loop) or ConflictError (already redirected).
 */
export async function createRedirect(
  deps: { store: Store },
  actor: Actor,
  input: RedirectInput,
): Promise<Redirect> {
  if (!actorCan(actor, "redirects.manage")) throw forbidden("add redirects");
  return transact(deps.store, async (tx) => {
    const redirect = await addRedirect(tx, input);
    await recordChanges(tx, [redirectChanged("redirect.created", redirect)]);
    return redirect;
  });
}

/** Removes a redirect. Throws MH_FORBIDDEN or NotFoundError. */
export async function deleteRedirect(
  deps: { store: Store },
  actor: Actor,
  id: string,
): Promise<void> {
  if (!actorCan(actor, "redirects.manage")) throw forbidden("remove redirects");
  await transact(deps.store, async (tx) => {
    const redirect = await getRedirectById(tx, id);
    if (!redirect) throw new NotFoundError("redirect", id);
    await removeRedirect(tx, id);
    await recordChanges(tx, [redirectChanged("redirect.deleted", redirect)]);
  });
}

/** The event of a redirect: its start, as the exact address or, for a pattern, a prefix. */
function redirectChanged(type: ChangeType, redirect: Redirect): ChangeEvent {
  return { type, ids: { redirectId: redirect.id }, paths: [startOf(redirect)] };
}

/**
 * The addresses a redirect starts from: `/old?p=1` as written (only that query is redirected, so
 * `/old` itself is untouched), a pattern as the literal folders before its first parameter
 * (`/2019/:m/:slug` → `/2019/*`; `/:slug` → every path).
 */
function startOf(rule: RedirectRule): string {
  if (rule.kind === "exact")
    return rule.fromQuery ? `${rule.fromPath}?${rule.fromQuery}` : rule.fromPath;
  const literal = rule.fromPath.split(/[:*]/)[0] ?? "/";
  return `${literal.slice(0, literal.lastIndexOf("/") + 1) || "/"}*`;
}
