/** The query parameter that carries the page a signed-out user asked for. */
export const REDIRECT_PARAM = 'redirectTo';

/** Where to send someone who is not signed in, remembering where they wanted to go. */
export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const target = `${location.pathname}${location.search}${location.hash}`;
  return target === '/' || target === '' ? '/login' : `/login?${REDIRECT_PARAM}=${encodeURIComponent(target)}`;
}

/**
 * The page to open after sign-in. Only a path of this console is accepted: `//evil.example` or
 * `https://…` in the link must not turn the sign-in page into an open redirect.
 */
export function safeRedirectTarget(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/login' || value.startsWith('/login?')) return '/';
  return value;
}
