import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface ListParams {
  page: number;
  pageSize: number;
  search: string;
  sort: string | undefined;
  order: 'asc' | 'desc';
  /** Other filters by name (platform, state, status…), '' when unset. */
  filters: Record<string, string>;
}

/**
 * A list's paging, search, sort and filters kept in the URL, so a filtered view can be
 * bookmarked, shared and restored with the back button. `prefix` lets two lists share a page.
 */
export function useListParams(filterNames: readonly string[] = [], defaults: { sort?: string; order?: 'asc' | 'desc'; pageSize?: number } = {}, prefix = '') {
  const [params, setParams] = useSearchParams();
  const key = (name: string) => `${prefix}${name}`;
  const filterKey = filterNames.join(',');
  const { sort: defaultSort, order: defaultOrder, pageSize: defaultPageSize } = defaults;
  const value: ListParams = useMemo(() => {
    const filters: Record<string, string> = {};
    for (const name of filterKey ? filterKey.split(',') : []) filters[name] = params.get(`${prefix}${name}`) ?? '';
    return {
      page: Math.max(1, Number(params.get(`${prefix}page`)) || 1),
      pageSize: Number(params.get(`${prefix}pageSize`)) || defaultPageSize || 25,
      search: params.get(`${prefix}search`) ?? '',
      sort: params.get(`${prefix}sort`) ?? defaultSort,
      order: (params.get(`${prefix}order`) as 'asc' | 'desc' | null) ?? defaultOrder ?? 'asc',
      filters,
    };
  }, [params, filterKey, prefix, defaultPageSize, defaultSort, defaultOrder]);

  const update = useCallback(
    (changes: Partial<Record<string, string | number | undefined>>, resetPage = true) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(`${prefix}${name}`);
            else next.set(`${prefix}${name}`, String(v));
          }
          if (resetPage && !('page' in changes)) next.delete(`${prefix}page`);
          return next;
        },
        { replace: true },
      );
    },
    [setParams, prefix],
  );

  /** Clicking the sorted column flips the order; another column sorts ascending. */
  const sortBy = useCallback(
    (column: string) => update({ sort: column, order: value.sort === column && value.order === 'asc' ? 'desc' : 'asc' }),
    [update, value.sort, value.order],
  );

  return { ...value, update, sortBy, key };
}

/** The query string for an API list call. */
export function toQuery(p: ListParams, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams({ page: String(p.page), pageSize: String(p.pageSize) });
  if (p.search) q.set('search', p.search);
  if (p.sort) q.set('sort', p.sort);
  q.set('order', p.order);
  for (const [k, v] of Object.entries({ ...p.filters, ...extra })) if (v) q.set(k, v);
  return q.toString();
}
