import { z } from 'zod';

/** What each console role may do; `operator` reads everything and changes nothing. */
export const ROLES = {
  administrator: { label: 'Administrator', canWrite: true },
  operator: { label: 'Read-only operator', canWrite: false },
} as const;

export type Role = keyof typeof ROLES;
export const roleSchema = z.enum(Object.keys(ROLES) as [Role, ...Role[]]);

/** POST /api/auth/login */
export const loginRequestSchema = z.object({
  username: z.string().trim().min(1, 'username is required').max(128),
  password: z.string().min(1, 'password is required').max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in account as the console shows it; never carries a password or hash. */
export const sessionUserSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/** Answer of POST /api/auth/login and GET /api/auth/me. */
export const sessionResponseSchema = z.object({ user: sessionUserSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** Name of the httpOnly session cookie the cloud sets. */
export const SESSION_COOKIE = 'certlab_session';
