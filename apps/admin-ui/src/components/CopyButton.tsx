import { useState } from 'react';

/** Copies a value (a one-time token, a command) and says so. */
export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
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
    <button type="button" className="button" onClick={() => void copy()}>
      {copied ? 'Copied' : label}
    </button>
  );
}
