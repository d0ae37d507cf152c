import { ROLES, type SessionUser } from '@certlab/contracts';
import { createContext, type ReactNode, useContext } from 'react';

const SessionContext = createContext<SessionUser | undefined>(undefined);

/** The signed-in account for every page under it (set once, from `/api/auth/me`, by the app root). */
export function SessionProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export const READ_ONLY_REASON = "Read-only operators can't change this";

/**
 * Whether the signed-in role may change things (contracts `ROLES[role].canWrite`). Only a hint for
 * the console: the cloud refuses writes by role whatever the console shows. Outside a session
 * (there is none only before sign-in) nothing is writable.
 */
export function useCanWrite(): boolean {
  const user = useContext(SessionContext);
  return user ? ROLES[user.role].canWrite : false;
}
