import { useCallback, useEffect, useRef, useState } from "preact/hooks";

/** The state of data being loaded for a screen. */
export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** Loads again (e.g. after a change), keeping the current data on screen meanwhile. */
  reload: () => Promise<void>;
  /** Replaces the data locally (e.g. with what a save returned). */
  mutate: (data: T) => void;
}

/** Loads data with `load` when the dependencies change; stale answers are dropped. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const run = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const value = await load();
      if (mine === generation.current) {
        setData(value);
        setError(undefined);
      }
    } catch (e) {
      if (mine === generation.current) setError(e as Error);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void run();
  }, [run]);
  return { data, error, loading, reload: run, mutate: setData };
}
