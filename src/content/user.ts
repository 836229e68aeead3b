import { z } from "zod";
import { IdSchema } from "./ids.js";
import { textField } from "./text.js";

/** Newsroom roles, from least to most trusted. */
export const ROLES = ["contributor", "author", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const RoleSchema = z.enum(ROLES, {
  error: () => `role must be one of: ${ROLES.join(", ")}`,
});

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A password as chosen by a person: long enough to resist guessing, short enough to hash cheaply. */
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

/** A staff account; `personId` links it to the Person shown in its bylines. */
export const UserInputSchema = z
  .object({
    email: z
      .email("email address is not valid")
      .max(254)
      .transform((e) => e.toLowerCase()),
    name: textField().trim().min(1, "name is required").max(120),
    role: RoleSchema,
    personId: IdSchema.nullable().default(null),
  })
  .strict();
export type UserInput = z.input<typeof UserInputSchema>;
export type UserData = z.output<typeof UserInputSchema>;
export interface User extends UserData {
  id: string;
  createdAt: string;
  disabledAt: string | null;
}
