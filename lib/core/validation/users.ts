import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/core/auth/password-policy";
import { ROLES } from "@/lib/core/vocabulary";
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

export const setupSchema = z.object({
  name: text(120, 1, "Name"),
  email: email(),
  password: password(),
});

export const createUserSchema = z.object({
  name: text(120, 1, "Name"),
  email: email(),
  password: password(),
  role: z.enum(ROLES, { message: "Choose a role." }),
});

export const changeRoleSchema = z.object({
  userId: id(),
  role: z.enum(ROLES, { message: "Choose a role." }),
});

/** Disabling or re-enabling one account (`user.disable`, `user.enable`). */
export const userStatusSchema = z.object({ userId: id() });

/** Your own password (`account.change_password`): the current one, the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .max(PASSWORD_MAX_LENGTH, `A password is at most ${PASSWORD_MAX_LENGTH} characters.`),
    newPassword: password(),
    confirmPassword: z
      .string()
      .max(PASSWORD_MAX_LENGTH, `A password is at most ${PASSWORD_MAX_LENGTH} characters.`),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["confirmPassword"],
        message: "The two new passwords differ.",
      });
    }
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({
        code: "custom",
        path: ["newPassword"],
        message: "Choose a password other than the current one.",
      });
    }
  });

/** An admin gives a user a temporary password (`user.reset_password`). */
export const resetPasswordSchema = z.object({
  userId: id(),
  temporaryPassword: password(),
});

/** Display name and professional credentials ("MD, nephrologist"), shown where the person is named. */
export const profileSchema = z.object({
  name: text(120, 1, "Name"),
  credentials: text(120, 0, "Credentials"),
});
export type ProfileInput = z.infer<typeof profileSchema>;

/** An admin edits someone's name and credentials (`user.update_profile`). */
export const userProfileSchema = profileSchema.extend({ userId: id() });
