import { useState } from 'react';

/** Copies a value (a one-time token, a command, a thumbprint) and says so. */
export function CopyButton({ value, label = 'Copy', ariaLabel, small = false }: { value: string; label?: string; ariaLabel?: string; small?: boolean }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button type="button" className={small ? 'button button--small' : 'button'} aria-label={ariaLabel} onClick={() => void copy()}>
      {copied ? 'Copied' : label}
    </button>
  );
}
