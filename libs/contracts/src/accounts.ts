import { z } from 'zod';
import { roleSchema } from './auth';
import { pageQuerySchema } from './paging';

/** A console account as the accounts page shows it; never the password or its hash. */
export const consoleAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type ConsoleAccountView = z.infer<typeof consoleAccountSchema>;

export const accountListQuerySchema = pageQuerySchema.extend({
  sort: z.enum(['username', 'displayName', 'createdAt', 'lastSignInAt']).optional(),
  role: roleSchema.optional(),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

/** Passwords an administrator sets: long enough to resist guessing; argon2id does the rest. */
export const accountPasswordSchema = z.string().min(12, 'use at least 12 characters').max(1024);

/** `POST /api/accounts` */
export const createAccountRequestSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, 'a username is required')
    .max(128)
    .regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  displayName: z.string().trim().min(1, 'a display name is required').max(256),
  role: roleSchema,
  password: accountPasswordSchema,
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;

/** `PATCH /api/accounts/:id`: disabling ends the account's sessions at once. */
export const updateAccountRequestSchema = z
  .object({
    displayName: z.string().trim().min(1).max(256).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: accountPasswordSchema.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'change at least one field');
export type UpdateAccountRequest = z.infer<typeof updateAccountRequestSchema>;
