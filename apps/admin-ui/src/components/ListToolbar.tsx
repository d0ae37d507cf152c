import { type ReactNode, useEffect, useState } from 'react';

export interface FilterOption {
  value: string;
  label: string;
}

export interface Filter {
  name: string;
  label: string;
  value: string;
  options: FilterOption[];
}

/**
 * Search box and filter selects above a list. The search waits for a pause in typing so every
 * keystroke does not become a request.
 */
export function ListToolbar({
  search,
  onSearch,
  searchLabel = 'Search',
  filters = [],
  onFilter,
  children,
}: {
  search: string;
  onSearch: (value: string) => void;
  searchLabel?: string;
  filters?: Filter[];
  onFilter?: (name: string, value: string) => void;
  children?: ReactNode;
}) {
  const [text, setText] = useState(search);
  // Follow the URL when it changes from elsewhere (back button, a link), as React's docs advise: during render.
  const [shown, setShown] = useState(search);
  if (search !== shown) {
    setShown(search);
    setText(search);
  }
  useEffect(() => {
    if (text === search) return;
    const t = setTimeout(() => onSearch(text), 300);
    return () => clearTimeout(t);
  }, [text, search, onSearch]);
  return (
    <div className="toolbar" role="search">
      <input type="search" className="input toolbar__search" aria-label={searchLabel} placeholder={`${searchLabel}…`} value={text} onChange={(e) => setText(e.target.value)} />
      {filters.map((f) => (
        <label key={f.name} className="toolbar__filter">
          <span>{f.label}</span>
          <select className="input" aria-label={f.label} value={f.value} onChange={(e) => onFilter?.(f.name, e.target.value)}>
            <option value="">All</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="toolbar__actions">{children}</div>
    </div>
  );
}
