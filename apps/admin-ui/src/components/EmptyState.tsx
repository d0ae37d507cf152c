import type { ReactNode } from 'react';

export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <svg className="empty-state__art" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <rect x="10" y="14" width="44" height="36" rx="4" />
        <path d="M10 24h44M18 32h20M18 40h12" />
      </svg>
      <h2 className="empty-state__title">{title}</h2>
      <div className="empty-state__text">{children}</div>
    </section>
  );
}
