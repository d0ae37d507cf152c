import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api-client';

export type MutationOutcome<R> = { ok: true; data: R } | { ok: false; error: ApiError };

export interface MutationResult<V, R> {
  status: 'idle' | 'pending' | 'success' | 'error';
  isPending: boolean;
  error: ApiError | undefined;
  /** Runs the mutation; never rejects, the outcome says how it went. */
  mutate: (variables: V) => Promise<MutationOutcome<R>>;
  reset: () => void;
}

/** A small stand-in for TanStack Query's `useMutation`. */
export function useMutation<V, R>(mutation: (variables: V) => Promise<R>): MutationResult<V, R> {
  const [state, setState] = useState<{ status: MutationResult<V, R>['status']; error?: ApiError }>({
    status: 'idle',
  });
  const mutationRef = useRef(mutation);
  useEffect(() => {
    mutationRef.current = mutation;
  });

  const mutate = useCallback(async (variables: V): Promise<MutationOutcome<R>> => {
    setState({ status: 'pending' });
    try {
      const data = await mutationRef.current(variables);
      setState({ status: 'success' });
      return { ok: true, data };
    } catch (cause) {
      const error = toApiError(cause);
      setState({ status: 'error', error });
      return { ok: false, error };
    }
  }, []);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { status: state.status, isPending: state.status === 'pending', error: state.error, mutate, reset };
}
