import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { ROLES } from "@/lib/domain/vocabulary";
import { id, text } from "./common";

export const email = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "E-mail can be at most 254 characters.")
    .pipe(z.email({ message: "Enter a valid e-mail address." }));

export const password = () =>
  z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Password can be at most ${PASSWORD_MAX_LENGTH} characters.`);

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const setupSchema = z.object({
  name: text(120, 1, "Name"),
  email: email(),
  password: password(),
});
export type SetupInput = z.infer<typeof setupSchema>;

export const createUserSchema = z.object({
  name: text(120, 1, "Name"),
  email: email(),
  password: password(),
  role: z.enum(ROLES, { message: "Choose a role." }),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const changeRoleSchema = z.object({
  userId: id(),
  role: z.enum(ROLES, { message: "Choose a role." }),
});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** Disabling or re-enabling one account (`user.disable`, `user.enable`). */
export const userStatusSchema = z.object({ userId: id() });
export type UserStatusInput = z.infer<typeof userStatusSchema>;
