import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import type { LiveState, LiveStore } from './live-store';

export const LiveStoreContext = createContext<LiveStore | null>(null);

export function useLiveStore(): LiveStore {
  const store = useContext(LiveStoreContext);
  if (!store) throw new Error('LiveStoreContext missing');
  return store;
}

/** A slice of the live picture; the selector must return something already in the state (no new objects). */
export function useLive<T>(select: (state: LiveState) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

/** The same slice, refreshed at most every `ms`: for views that need not follow every robot step (ETA, lists). */
export function useLiveThrottled<T>(select: (state: LiveState) => T, ms: number): T {
  const store = useLiveStore();
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const refresh = () => {
      last = Date.now();
      timer = undefined;
      setValue(() => select(store.getState()));
    };
    const unsubscribe = store.subscribe(() => {
      if (timer) return;
      const wait = Math.max(0, last + ms - Date.now());
      if (wait === 0) refresh();
      else timer = setTimeout(refresh, wait);
    });
    refresh();
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
    // The selector is expected to be stable (module-level function).
  }, [store, ms]);
  return value;
}

/** Re-renders every `ms` (clocks, "seen 5 s ago", overdue highlighting). */
export function useNow(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
