import { PasswordSchema, parseOrThrow, setupDone, type User } from "../content/index.js";
import {
  claimFirstRunSetup,
  countUsers,
  createUser,
  type Store,
  transact,
} from "../store/index.js";
import { hashPassword } from "./password.js";

/** Whether first-run setup is still open: no account exists yet. */
export async function setupNeeded(store: Store): Promise<boolean> {
  return (await countUsers(store)) === 0;
}

/**
 * Creates the first account, an owner, while no account exists; afterwards throws ApiError 409.
 * Throws ContentInvalidError for bad fields.
 */
export async function runSetup(
  store: Store,
  input: { email: string; name: string; password: string },
): Promise<User> {
  const password = parseOrThrow(PasswordSchema, input.password, "password");
  const passwordHash = await hashPassword(password);
  return transact(store, async (tx) => {
    if ((await countUsers(tx)) > 0 || !(await claimFirstRunSetup(tx))) throw setupDone();
    return createUser(tx, { email: input.email, name: input.name, role: "owner" }, passwordHash);
  });
}
