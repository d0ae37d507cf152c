import type { ReactNode } from 'react';

const TONES = {
  warning: { className: 'callout--warning', symbol: '▲', role: 'note' },
  info: { className: 'callout--info', symbol: 'i', role: 'note' },
} as const;

/** A boxed remark next to content: amber for a warning an admin should read before relying on it. */
export function Callout({ tone = 'warning', title, children }: { tone?: keyof typeof TONES; title?: ReactNode; children: ReactNode }) {
  const t = TONES[tone];
  return (
    <div className={`callout ${t.className}`} role={t.role}>
      <span className="callout__symbol" aria-hidden="true">
        {t.symbol}
      </span>
      <div className="callout__body">
        {title ? <strong className="callout__title">{title}</strong> : null}
        {children}
      </div>
    </div>
  );
}
