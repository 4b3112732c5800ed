// Loads data for a page: the latest answer, the latest error, and a way to load again. With
// refreshMs it polls, one request at a time, and pauses while the tab is hidden.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** When the latest answer arrived (ms since the epoch), or undefined before the first. */
  loadedAt: number | undefined;
  reload: () => Promise<void>;
}

export function useResource<T>(load: () => Promise<T>, refreshMs?: number): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [loadedAt, setLoadedAt] = useState<number>();
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const mounted = useRef(false);

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const next = await loadRef.current();
      if (!mounted.current) return;
      setData(next);
      setError(undefined);
      setLoadedAt(Date.now());
    } catch (caught) {
      if (mounted.current) setError(caught);
    } finally {
      if (mounted.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const schedule = () => {
      if (mounted.current && refreshMs && document.visibilityState === 'visible') timer = setTimeout(() => void poll(), refreshMs);
    };
    const poll = async () => {
      timer = undefined;
      running = true;
      await reload();
      running = false;
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible' || !refreshMs || running || timer !== undefined) return;
      void poll();
    };
    void poll();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      mounted.current = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [reload, refreshMs]);

  return { data, error, loading, loadedAt, reload };
}
