import { useEffect, useState } from 'react';

export const VIEWS = ['map', 'tasks', 'queue', 'handover', 'robots', 'alerts', 'summary'] as const;
export type View = (typeof VIEWS)[number];

export function viewFromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'map';
}

/** The current view lives in the URL hash, so a reload or a bookmark opens the same view. */
export function useViewRoute(): [View, (view: View) => void] {
  const [view, setView] = useState<View>(() => viewFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setView(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const go = (next: View) => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `#/${next}`;
    setView(next);
  };
  return [view, go];
}
