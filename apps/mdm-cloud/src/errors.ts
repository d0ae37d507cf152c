import { defineErrors } from '@certlab/service-kit';

/** Every refusal the cloud's admin API gives, in one table (STYLE habit 6). */
export const CloudErrors = defineErrors({
  invalidCredentials: { status: 401, title: 'Invalid username or password' },
  notSignedIn: { status: 401, title: 'Sign in to continue' },
  sessionExpired: { status: 401, title: 'Your session has expired; sign in again' },
  readOnlyRole: { status: 403, title: 'Your role may read but not change anything' },
  userNotFound: { status: 404, title: 'No such user' },
  groupNotFound: { status: 404, title: 'No such group' },
});
