import { Outlet, useNavigate } from 'react-router-dom';
import { ConsoleLayout } from '../../../components/layouts/ConsoleLayout';
import { useLogout } from '../../../features/auth/api/logout';
import { ProtectedRoute } from '../../../features/auth/components/ProtectedRoute';
import { SessionProvider } from '../../../lib/session';

/** Every signed-in page: the session check, then the console frame around the page. */
export function AppRoot() {
  const navigate = useNavigate();
  const logout = useLogout();

  async function signOut() {
    // Leave even when the call fails: a session the cloud already ended is signed out too.
    await logout.mutate(undefined);
    void navigate('/login', { replace: true });
  }

  return (
    <ProtectedRoute>
      {(user) => (
        <SessionProvider user={user}>
          <ConsoleLayout user={user} onSignOut={() => void signOut()} signingOut={logout.isPending}>
            <Outlet />
          </ConsoleLayout>
        </SessionProvider>
      )}
    </ProtectedRoute>
  );
}
