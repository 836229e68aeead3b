// First-run setup: the first visitor of a publication without accounts makes its first owner,
// with the byline person their articles are signed with (as an accepted invitation has).
import { hashPassword } from "../auth/password.js";
import { startSession } from "../auth/sessions.js";
import { PasswordSchema, parseOrThrow, setupDone, UserInputSchema } from "../content/index.js";
import {
  claimFirstRunSetup,
  countUsers,
  createUser,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";
import { findOrMakeByline } from "./bylines.js";
import type { SignedIn } from "./sign-in.js";

const NameField = UserInputSchema.pick({ name: true });

/** Whether first-run setup is still open: no account exists yet. */
export async function setupNeeded(deps: { store: Store }): Promise<boolean> {
  return (await countUsers(deps.store)) === 0;
}

/**
 * Creates the first account, an owner with a new byline person of its name, while no account
 * exists, and signs it in; afterwards throws MH_CONFLICT. Throws ContentInvalidError for bad
 * fields.
 */
export async function setUpFirstOwner(
  deps: { store: Store },
  input: { email: string; name: string; password: string },
): Promise<SignedIn> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  const { name } = parseOrThrow(NameField, { name: input.name }, "account");
  const passwordHash = await hashPassword(password);
  return transact(deps.store, async (tx) => {
    if ((await countUsers(tx)) > 0 || !(await claimFirstRunSetup(tx))) throw setupDone();
    // A new person, never the demo's or an import's of the same name: the name was typed by
    // whoever reached setup first, and linking would hand them that person's articles.
    const byline = await findOrMakeByline(tx, name, false);
    const user = await createUser(
      tx,
      { email: input.email, name, role: "owner", personId: byline.person.id },
      passwordHash,
    );
    const session = await startSession(tx, user.id);
    await recordChanges(tx, [...byline.events, accountChanged({ userId: user.id }, "created")]);
    return { user, session };
  });
}
