import { isRouteErrorResponse, useRouteError } from 'react-router-dom';

/** Last resort for a page that threw while rendering. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <div className="full-page">
      <div className="full-page__panel" role="alert">
        <h1 className="page-header__title">Something went wrong</h1>
        <p>{detail}</p>
        <a className="button button--primary" href="/">
          Reload the console
        </a>
      </div>
    </div>
  );
}
