import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/types';

/** A cursor-paged list (`{items, nextCursor}`), reloaded when `deps` change, extended by `more()`. */
export function usePaged<T extends { id: string }>(load: (cursor?: string) => Promise<Page<T>>, deps: unknown[]) {
  const [items, setItems] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  const fetchPage = useCallback(
    (cursor?: string) => {
      const n = ++run.current;
      setLoading(true);
      const t = setTimeout(
        () =>
          load(cursor).then(
            (page) => {
              if (n !== run.current) return;
              setItems((old) => (cursor ? [...old, ...page.items] : page.items));
              setNextCursor(page.nextCursor);
              setError(null);
              setLoading(false);
            },
            (e: unknown) => {
              if (n !== run.current) return;
              setError(e);
              setLoading(false);
            },
          ),
        cursor ? 0 : 150,
      );
      return () => clearTimeout(t);
    },
    deps,
  );
  useEffect(() => fetchPage(), [fetchPage]);
  return {
    items,
    nextCursor,
    error,
    loading,
    reload: () => fetchPage(),
    more: () => nextCursor && fetchPage(nextCursor),
    replace: (c: T) => setItems((list) => list.map((x) => (x.id === c.id ? c : x))),
  };
}

/** The case lists' name for it. */
export const usePagedCases = usePaged;
