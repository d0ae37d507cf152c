import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort, toApiError, type ApiError } from './api-client';

export interface QueryOptions {
  /** Fetch again every so many milliseconds while the component is mounted. */
  refetchIntervalMs?: number;
}

interface QueryCommon {
  /** When `data` was last fetched (ms since the epoch). */
  updatedAt: number | undefined;
  isFetching: boolean;
  refetch: () => void;
}

/** `success` as soon as one fetch succeeded; a later failed refresh keeps the data and sets `error`. */
export type QueryResult<T> = QueryCommon &
  (
    | { status: 'pending'; data: undefined; error: undefined }
    | { status: 'error'; data: undefined; error: ApiError }
    | { status: 'success'; data: T; error: ApiError | undefined }
  );

interface Settled<T> {
  key: string;
  run: number;
  hasData: boolean;
  data: T | undefined;
  error: ApiError | undefined;
  updatedAt: number | undefined;
}

/**
 * A small stand-in for TanStack Query's `useQuery`: fetch on mount and when `key` changes, abort
 * on unmount, refresh on an interval, keep the last good data while refreshing.
 */
export function useQuery<T>(
  key: string,
  fetcher: (signal: AbortSignal) => Promise<T>,
  options: QueryOptions = {},
): QueryResult<T> {
  const { refetchIntervalMs } = options;
  const [run, setRun] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | undefined>(undefined);
  const fetcherRef = useRef(fetcher);
  useEffect(() => {
    fetcherRef.current = fetcher;
  });

  useEffect(() => {
    const controller = new AbortController();
    fetcherRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setSettled({ key, run, hasData: true, data, error: undefined, updatedAt: Date.now() });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setSettled((previous) => {
          const same = previous?.key === key;
          return {
            key,
            run,
            hasData: same && previous.hasData,
            data: same ? previous.data : undefined,
            error: toApiError(error),
            updatedAt: same ? previous.updatedAt : undefined,
          };
        });
      },
    );
    return () => controller.abort();
  }, [key, run]);

  useEffect(() => {
    if (!refetchIntervalMs) return;
    const timer = setInterval(() => setRun((n) => n + 1), refetchIntervalMs);
    return () => clearInterval(timer);
  }, [key, refetchIntervalMs]);

  const refetch = useCallback(() => setRun((n) => n + 1), []);

  const current = settled?.key === key ? settled : undefined;
  const common: QueryCommon = { updatedAt: current?.updatedAt, isFetching: current?.run !== run, refetch };
  if (current?.hasData) return { ...common, status: 'success', data: current.data as T, error: current.error };
  if (current?.error) return { ...common, status: 'error', data: undefined, error: current.error };
  return { ...common, status: 'pending', data: undefined, error: undefined };
}
