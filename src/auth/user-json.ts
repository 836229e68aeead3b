import type { User } from "../content/index.js";

/** An account as the session endpoints send it: `{id, email, name, role, personId}`. */
export function userJson(user: Pick<User, "id" | "email" | "name" | "role" | "personId">) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    personId: user.personId,
  };
}

/** An account as the users endpoints send it: the session form plus when it was made and disabled. */
export function userAdminJson(user: User) {
  return { ...userJson(user), createdAt: user.createdAt, disabledAt: user.disabledAt };
}
