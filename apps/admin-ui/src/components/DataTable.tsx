import type { ReactNode } from 'react';
import './data-views.css';

export interface Column<T> {
  key: string;
  header: string;
  /** The API's sort key; omit for columns that do not sort. */
  sortKey?: string;
  render: (row: T) => ReactNode;
  className?: string;
}

export interface DataTableProps<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: string;
  order?: 'asc' | 'desc';
  onSort?: (sortKey: string) => void;
  /** Shown in place of the body when there are no rows. */
  empty?: ReactNode;
}

/** A list as the admin center shows it: sortable headers with aria-sort, a caption for screen readers. */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, order, onSort, empty }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const sorted = c.sortKey && sort === c.sortKey;
              return (
                <th key={c.key} scope="col" className={c.className} aria-sort={sorted ? (order === 'desc' ? 'descending' : 'ascending') : undefined}>
                  {c.sortKey && onSort ? (
                    <button type="button" className="data-table__sort" onClick={() => onSort(c.sortKey!)}>
                      {c.header}
                      <span aria-hidden="true" className="data-table__arrow">
                        {sorted ? (order === 'desc' ? '↓' : '↑') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="data-table__empty">
                {empty ?? 'Nothing matches.'}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
