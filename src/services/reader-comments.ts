// A reader's comment from the public form: who may post under which name, whether it is held,
// and the write. The form route parses and answers; this decides. See docs/COMMENTS.md.
import type { CommentInput, CommentStatus, FieldIssue } from "../content/index.js";
import {
  addComment,
  type CommentRateLimit,
  isAddressBlocked,
  isTrustedCommenter,
  listStaffIdentities,
  type Store,
  type StoredComment,
} from "../store/index.js";
import { emailKey, nameKey } from "./identity-keys.js";

/** A reader (not signed in) used a staff member's name or email; nothing was written. */
export class StaffIdentityError extends Error {
  readonly code = "MH_STAFF_IDENTITY";
  constructor(readonly issues: FieldIssue[]) {
    super(`a staff member's identity needs signing in: ${issues.map((i) => i.path).join(", ")}`);
    this.name = "StaffIdentityError";
  }
}

/** The message a reader sees at the name field when it is a staff member's. */
export const STAFF_NAME_MESSAGE =
  "that name belongs to a member of staff; sign in to comment as them, or use your own name";
/** The message a reader sees at the email field when it is a staff member's. */
export const STAFF_EMAIL_MESSAGE =
  "that email address belongs to a member of staff; sign in to comment as them";

/** Who posts, as far as the server can tell without a sign-in. */
export interface ReaderPoster {
  /** The hash of the commenter id their cookie carries (a new one for a first comment). */
  commenterHash: string;
  /** The keyed hash of their address: blocks and the rate limit go by it. */
  addressHash: string;
}

// Staff names and emails change rarely and are folded on every reader's comment: their keys are
// remembered by the stored string (readers' own strings are not, so they cannot grow this).
const staffKeys = new Map<string, string>();
const STAFF_KEYS_MAX = 10_000;
function staffKey(kind: "name" | "email", stored: string): string {
  const memo = `${kind}\0${stored}`;
  let key = staffKeys.get(memo);
  if (key === undefined) {
    if (staffKeys.size >= STAFF_KEYS_MAX) staffKeys.clear();
    key = kind === "name" ? nameKey(stored) : emailKey(stored);
    staffKeys.set(memo, key);
  }
  return key;
}

/**
 * Throws StaffIdentityError when `name` or `email` is a member of staff's, compared as a reader
 * would read them (case, spacing, accents, full-width and look-alike letters folded; see
 * identity-keys.ts).
 */
export async function refuseStaffIdentity(
  store: Store,
  name: string,
  email: string | null | undefined,
): Promise<void> {
  const staff = await listStaffIdentities(store);
  const issues: FieldIssue[] = [];
  const name_ = nameKey(name);
  if (name_ !== "" && staff.names.some((n) => staffKey("name", n) === name_))
    issues.push({ path: "authorName", message: STAFF_NAME_MESSAGE });
  const email_ = email ? emailKey(email) : "";
  if (email_ !== "" && staff.emails.some((e) => staffKey("email", e) === email_))
    issues.push({ path: "authorEmail", message: STAFF_EMAIL_MESSAGE });
  if (issues.length > 0) throw new StaffIdentityError(issues);
}

/**
 * The status a reader's comment starts in: spam from a blocked address (the poster is not told),
 * approved when their cookie's commenter is trusted, else pending for a moderator. Neither the
 * name nor the email earns trust: anyone can type those.
 */
export async function readerCommentStatus(
  store: Store,
  poster: ReaderPoster,
): Promise<CommentStatus> {
  if (await isAddressBlocked(store, poster.addressHash)) return "spam";
  return (await isTrustedCommenter(store, poster.commenterHash)) ? "approved" : "pending";
}

/**
 * Posts a reader's comment: refuses a staff member's name or email (StaffIdentityError), decides
 * whether it is held (readerCommentStatus) and writes it under the per-address limit (the
 * store's CommentRateLimitedError, ContentInvalidError or NotFoundError otherwise; nothing is
 * written then).
 * @example await postReaderComment(store, { articleId, authorName: "Ana", body: "Hi" }, poster, limit);
 */
export async function postReaderComment(
  store: Store,
  input: CommentInput,
  poster: ReaderPoster,
  limit: CommentRateLimit,
): Promise<StoredComment> {
  await refuseStaffIdentity(store, input.authorName, input.authorEmail);
  const status = await readerCommentStatus(store, poster);
  return addComment(store, input, { status, ...poster }, limit);
}
