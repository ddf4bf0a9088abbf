import { useCallback, useEffect, useRef, useState } from 'react';

/** Loads data on mount and when `deps` change; `reload()` loads again; stale answers are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]) {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const run = useRef(0);
  const reload = useCallback(() => {
    const n = ++run.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => n === run.current && setState({ data, error: null, loading: false }),
      (error: unknown) => n === run.current && setState({ data: null, error, loading: false }),
    );
  }, deps);
  useEffect(reload, [reload]);
  return { ...state, reload, setData: (data: T) => setState({ data, error: null, loading: false }) };
}

/** The current time, refreshed every `ms` (for countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
