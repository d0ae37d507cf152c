import type { ApiError } from '../lib/api-client';

/** An API error as the admin reads it: the problem's title, and its detail when there is one. */
export function ErrorMessage({ error, className = '' }: { error: ApiError; className?: string }) {
  const showDetail = error.detail && error.detail !== error.title;
  return (
    <div role="alert" className={`message message--error ${className}`.trim()}>
      <strong className="message__title">{error.title}</strong>
      {showDetail ? <span className="message__detail">{error.detail}</span> : null}
    </div>
  );
}
