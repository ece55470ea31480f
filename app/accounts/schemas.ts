/**
 * Account forms, shared by the browser and the server. Messages are i18n keys so the
 * form shows them in the user's language.
 */
import { z } from "zod";
import { LOCALES } from "~/domain/taxonomy";

export const SIGNUP_ROLES = ["sme", "buyer", "consultant"] as const;

const email = z
  .string({ required_error: "validation:required" })
  .trim()
  .toLowerCase()
  .max(254, "validation:tooLong")
  .email("validation:email");

const password = z
  .string({ required_error: "validation:required" })
  // An empty field is "required", not "at least 10 characters" (which the hint already says).
  .min(1, "validation:required")
  .min(10, "validation:passwordTooShort")
  .max(200, "validation:tooLong");

export const signupSchema = z.object({
  role: z.enum(SIGNUP_ROLES, { required_error: "validation:required", invalid_type_error: "validation:invalidChoice", message: "validation:invalidChoice" }),
  name: z.string({ required_error: "validation:required" }).trim().min(1, "validation:required").max(120, "validation:tooLong"),
  organisationName: z
    .string({ required_error: "validation:required" })
    .trim()
    .min(1, "validation:required")
    .max(160, "validation:tooLong"),
  country: z
    .string({ required_error: "validation:required" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "validation:country"),
  email,
  password,
  locale: z.enum(LOCALES).optional(),
  timeZone: z.string().max(64).optional(),
});
export type SignupInput = z.infer<typeof signupSchema>;

export const loginSchema = z.object({
  email,
  password: z.string({ required_error: "validation:required" }).min(1, "validation:required").max(200, "validation:tooLong"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password, confirm: z.string({ required_error: "validation:required" }).min(1, "validation:required") })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation:passwordsDiffer" });

export const changePasswordSchema = z
  .object({
    current: z.string({ required_error: "validation:required" }).min(1, "validation:required").max(200, "validation:tooLong"),
    password,
    confirm: z.string({ required_error: "validation:required" }).min(1, "validation:required"),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "validation:passwordsDiffer" })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "validation:passwordUnchanged" });
