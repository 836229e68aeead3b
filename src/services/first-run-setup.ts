// First-run setup: the first visitor of a publication without accounts makes its first owner.
import { hashPassword } from "../auth/password.js";
import { startSession } from "../auth/sessions.js";
import { PasswordSchema, parseOrThrow, setupDone } from "../content/index.js";
import {
  claimFirstRunSetup,
  countUsers,
  createUser,
  recordChanges,
  type Store,
  transact,
} from "../store/index.js";
import { accountChanged } from "./accounts.js";
import type { SignedIn } from "./sign-in.js";

/** Whether first-run setup is still open: no account exists yet. */
export async function setupNeeded(deps: { store: Store }): Promise<boolean> {
  return (await countUsers(deps.store)) === 0;
}

/**
 * Creates the first account, an owner, while no account exists, and signs it in; afterwards
 * throws MH_CONFLICT. Throws ContentInvalidError for bad fields.
 */
export async function setUpFirstOwner(
  deps: { store: Store },
  input: { email: string; name: string; password: string },
): Promise<SignedIn> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  const passwordHash = await hashPassword(password);
  return transact(deps.store, async (tx) => {
    if ((await countUsers(tx)) > 0 || !(await claimFirstRunSetup(tx))) throw setupDone();
    const user = await createUser(
      tx,
      { email: input.email, name: input.name, role: "owner" },
      passwordHash,
    );
    const session = await startSession(tx, user.id);
    await recordChanges(tx, [accountChanged({ userId: user.id }, "created")]);
    return { user, session };
  });
}
