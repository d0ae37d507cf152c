import { type ReactNode, useId } from 'react';

/** Tabs with the ARIA tab pattern; the selected tab is controlled by the page (often via the URL). */
export function Tabs<K extends string>({ tabs, selected, onSelect, children }: { tabs: { key: K; label: string }[]; selected: K; onSelect: (key: K) => void; children: ReactNode }) {
  const id = useId();
  return (
    <div className="tabs">
      <div role="tablist" className="tabs__list">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${id}-${t.key}`}
            aria-selected={t.key === selected}
            aria-controls={`${id}-panel`}
            className={t.key === selected ? 'tabs__tab tabs__tab--selected' : 'tabs__tab'}
            onClick={() => onSelect(t.key)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${selected}`} className="tabs__panel">
        {children}
      </div>
    </div>
  );
}
