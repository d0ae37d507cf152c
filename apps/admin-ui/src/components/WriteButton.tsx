import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { READ_ONLY_REASON, useCanWrite } from '../lib/session';

/**
 * A button that changes something. For a read-only operator it stays visible but disabled, with
 * the reason as its tooltip and accessible description, instead of leading into a 403.
 */
export function WriteButton({ disabled, title, className = 'button', type = 'button', ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const canWrite = useCanWrite();
  if (canWrite) return <button type={type} className={className} disabled={disabled} title={title} {...rest} />;
  // A disabled button gets no hover events in most browsers: the tooltip sits on a wrapper.
  return (
    <span className="write-locked" title={READ_ONLY_REASON}>
      <button type={type} className={className} {...rest} disabled title={READ_ONLY_REASON} onClick={undefined} />
    </span>
  );
}

/** A link into a page that changes something (Create profile): for a read-only operator, a disabled button saying why. */
export function WriteLink({ to, className = 'button', children }: { to: string; className?: string; children: ReactNode }) {
  const canWrite = useCanWrite();
  if (canWrite)
    return (
      <Link className={className} to={to}>
        {children}
      </Link>
    );
  return (
    <span className="write-locked" title={READ_ONLY_REASON}>
      <button type="button" className={className} disabled title={READ_ONLY_REASON}>
        {children}
      </button>
    </span>
  );
}
