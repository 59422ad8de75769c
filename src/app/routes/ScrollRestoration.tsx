import { useLayoutEffect, useRef } from 'react';
import { scrollPositions, useHistoryKey } from '../ui/location.ts';

const RESTORE_TIMEOUT_MS = 3000;
const USER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

/**
 * Back (or forward) to a screen returns to where it was scrolled, also after a reload of the tab;
 * a new screen starts at the top. Positions are kept per history entry (sessionStorage).
 *
 * A screen's rows often arrive after it mounts (IndexedDB, lazy chunks) and a virtual list corrects
 * the scroll as it measures rows, so a saved position is applied again whenever the page grows or the
 * scroll falls short of it — until the teacher scrolls herself or RESTORE_TIMEOUT_MS has passed.
 * Meanwhile the short page's clamped scroll is not recorded as the screen's position.
 */
export function ScrollRestoration() {
  const key = useHistoryKey();
  const current = useRef(key);
  /** The position being restored, or null. */
  const target = useRef<number | null>(null);

  useLayoutEffect(() => {
    const manual = 'scrollRestoration' in history;
    if (manual) history.scrollRestoration = 'manual';
    const onScroll = () => {
      const wanted = target.current;
      if (wanted === null) scrollPositions.set(current.current, window.scrollY);
      else if (window.scrollY < wanted - 2) window.scrollTo(0, wanted);
    };
    const persist = () => {
      if (target.current === null) scrollPositions.set(current.current, window.scrollY);
      scrollPositions.persist();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') persist();
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', persist);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', persist);
      document.removeEventListener('visibilitychange', onVisibility);
      if (manual) history.scrollRestoration = 'auto';
    };
  }, []);

  useLayoutEffect(() => {
    current.current = key;
    const saved = scrollPositions.get(key);
    if (!saved) {
      target.current = null;
      window.scrollTo(0, 0);
      return;
    }
    target.current = saved;
    let observer: ResizeObserver | undefined;
    const stop = () => {
      if (target.current === null) return;
      target.current = null;
      clearTimeout(timer);
      observer?.disconnect();
      for (const type of USER_INPUT) window.removeEventListener(type, stop);
    };
    const attempt = () => {
      if (Math.abs(window.scrollY - saved) > 2) window.scrollTo(0, saved);
    };
    for (const type of USER_INPUT) window.addEventListener(type, stop, { passive: true });
    const timer = setTimeout(stop, RESTORE_TIMEOUT_MS);
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(attempt);
      observer.observe(document.body);
    }
    attempt();
    return stop;
  }, [key]);

  return null;
}
