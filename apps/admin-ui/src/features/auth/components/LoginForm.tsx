import { loginRequestSchema, type SessionUser } from '@certlab/contracts';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLogin } from '../api/login';

type FieldErrors = Partial<Record<'username' | 'password', string>>;

/** Username and password against POST /api/auth/login; the cloud's refusal is shown as sent. */
export function LoginForm({ onSuccess }: { onSuccess: (user: SessionUser) => void }) {
  const id = useId();
  const loginMutation = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loginMutation.isPending) return;
    const parsed = loginRequestSchema.safeParse({ username, password });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if ((field === 'username' || field === 'password') && !errors[field]) errors[field] = capitalise(issue.message);
      }
      setFieldErrors(errors);
      loginMutation.reset();
      return;
    }
    setFieldErrors({});
    const outcome = await loginMutation.mutate(parsed.data);
    if (outcome.ok) {
      onSuccess(outcome.data.user);
    } else {
      setPassword('');
      passwordRef.current?.focus();
    }
  }

  const usernameId = `${id}-username`;
  const passwordId = `${id}-password`;
  return (
    <form className="login-form" onSubmit={(event) => void handleSubmit(event)} noValidate aria-busy={loginMutation.isPending}>
      {loginMutation.error ? <ErrorMessage error={loginMutation.error} /> : null}

      <div className="field">
        <label htmlFor={usernameId}>Username</label>
        <input
          id={usernameId}
          name="username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          aria-invalid={fieldErrors.username ? true : undefined}
          aria-describedby={fieldErrors.username ? `${usernameId}-error` : undefined}
          readOnly={loginMutation.isPending}
        />
        {fieldErrors.username ? (
          <span id={`${usernameId}-error`} className="field__error">
            {fieldErrors.username}
          </span>
        ) : null}
      </div>

      <div className="field">
        <label htmlFor={passwordId}>Password</label>
        <input
          id={passwordId}
          ref={passwordRef}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={fieldErrors.password ? `${passwordId}-error` : undefined}
          readOnly={loginMutation.isPending}
        />
        {fieldErrors.password ? (
          <span id={`${passwordId}-error`} className="field__error">
            {fieldErrors.password}
          </span>
        ) : null}
      </div>

      <button type="submit" className="button button--primary button--block" disabled={loginMutation.isPending}>
        Sign in
      </button>
      <p className="login-form__status" role="status">
        {loginMutation.isPending ? 'Signing in…' : ''}
      </p>
    </form>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
