import type { ReactNode } from 'react';

/**
 * The colours a status can take. Each tone has a CSS class and a symbol, so the state still reads
 * without colour (colour-blind users, greyscale printouts); the word is always required.
 */
export const BADGE_TONES = {
  success: { className: 'status-badge--success', symbol: '●' },
  warning: { className: 'status-badge--warning', symbol: '▲' },
  danger: { className: 'status-badge--danger', symbol: '■' },
  info: { className: 'status-badge--info', symbol: '●' },
  neutral: { className: 'status-badge--neutral', symbol: '○' },
} as const;

export type BadgeTone = keyof typeof BADGE_TONES;

export interface StatusBadgeProps {
  tone: BadgeTone;
  /** The word that says the state, e.g. "Healthy". */
  children: ReactNode;
  title?: string;
}

export function StatusBadge({ tone, children, title }: StatusBadgeProps) {
  const { className, symbol } = BADGE_TONES[tone];
  return (
    <span className={`status-badge ${className}`} data-tone={tone} title={title}>
      <span className="status-badge__symbol" aria-hidden="true">
        {symbol}
      </span>
      {children}
    </span>
  );
}
