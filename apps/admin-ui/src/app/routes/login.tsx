import { useNavigate, useSearchParams } from 'react-router-dom';
import { ProductName } from '../../components/ProductName';
import { LoginForm } from '../../features/auth/components/LoginForm';
import { REDIRECT_PARAM, safeRedirectTarget } from '../../features/auth/redirect';

export function LoginRoute() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const redirectTo = safeRedirectTarget(searchParams.get(REDIRECT_PARAM));

  return (
    <div className="login-page">
      <title>Sign in – certlab admin center</title>
      <main className="login-card">
        <ProductName as="h1" />
        <p className="login-card__intro">
          Sign in to manage certificate profiles, devices and connectors.
        </p>
        <LoginForm onSuccess={() => void navigate(redirectTo, { replace: true })} />
      </main>
    </div>
  );
}
