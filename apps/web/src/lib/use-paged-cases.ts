import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseView, Page } from '../api/types';

/** A cursor-paged list (`{items, nextCursor}`), reloaded when `deps` change, extended by `more()`. */
export function usePagedCases(load: (cursor?: string) => Promise<Page<CaseView>>, deps: unknown[]) {
  const [items, setItems] = useState<CaseView[]>([]);
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
    replace: (c: CaseView) => setItems((list) => list.map((x) => (x.id === c.id ? c : x))),
  };
}
