import type { SessionUser } from '@certlab/contracts';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Spinner } from '../../../components/Spinner';
import { useMe } from '../api/get-me';
import { loginPathFor } from '../redirect';

/**
 * Renders its children only for a signed-in user: asks the cloud who is signed in and sends a
 * 401 to the sign-in page, remembering the page that was asked for.
 */
export function ProtectedRoute({ children }: { children: (user: SessionUser) => ReactNode }) {
  const me = useMe();
  const location = useLocation();

  if (me.status === 'success') return children(me.data.user);
  if (me.status === 'error' && me.error.isUnauthorized) return <Navigate to={loginPathFor(location)} replace />;
  return (
    <div className="full-page">
      {me.status === 'error' ? (
        <div className="full-page__panel">
          <ErrorMessage error={me.error} />
          <button type="button" className="button button--primary" onClick={me.refetch}>
            Try again
          </button>
        </div>
      ) : (
        <Spinner label="Checking your session…" />
      )}
    </div>
  );
}
