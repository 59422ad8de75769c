import { useCallback } from 'react';
import { useLocation } from 'wouter';
import { useLocationProperty, usePathname } from 'wouter/use-browser-location';

/**
 * The browser location for wouter, with what the app needs on top: every history entry carries a
 * key (for scroll positions) and its index in the app's own history (so "back" knows whether there is
 * somewhere in the app to go back to).
 */
interface EntryState {
  key: string;
  idx: number;
}

const newKey = () => Math.random().toString(36).slice(2, 10);

function entryState(): EntryState | null {
  const state: unknown = typeof history === 'undefined' ? null : history.state;
  if (state && typeof state === 'object' && typeof (state as EntryState).key === 'string' && typeof (state as EntryState).idx === 'number') {
    return state as EntryState;
  }
  return null;
}

// The entry the app was opened on gets a key too (a reload keeps it: the browser keeps history.state).
if (typeof history !== 'undefined' && !entryState()) {
  const state: unknown = history.state;
  history.replaceState({ ...(state && typeof state === 'object' ? state : {}), key: newKey(), idx: 0 }, '');
}

export interface NavigateOptions {
  replace?: boolean;
}

/** Pushes (or replaces) a URL; a pushed entry gets a fresh key, a replaced one keeps its key. */
export function navigateTo(to: string, options: NavigateOptions = {}): void {
  const current = entryState() ?? { key: newKey(), idx: 0 };
  if (options.replace) history.replaceState(current, '', to);
  else history.pushState({ key: newKey(), idx: current.idx + 1 }, '', to);
}

/** wouter location hook (<Router hook={useAppLocation}>). */
export const useAppLocation = (): [string, (to: string, options?: NavigateOptions) => void] => [usePathname(), navigateTo];

/** Key of the current history entry; stays the same when the entry is replaced. */
export function useHistoryKey(): string {
  return useLocationProperty(() => entryState()?.key ?? 'default');
}

/** "#sao-luu" in /cai-dat#sao-luu ('' when none). */
export function useHash(): string {
  return useLocationProperty(() => location.hash);
}

/**
 * Back to where the teacher came from; a direct visit (nothing earlier in the app's history) goes home
 * instead of leaving the app.
 */
export function useGoBack(): () => void {
  const [, navigate] = useLocation();
  return useCallback(() => {
    if ((entryState()?.idx ?? 0) > 0) history.back();
    else navigate('/', { replace: true });
  }, [navigate]);
}

const STORAGE_KEY = 'sbd:scroll';
let positions: Map<string, number> | undefined;

function positionMap(): Map<string, number> {
  if (!positions) {
    positions = new Map();
    try {
      const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>;
      for (const [key, value] of Object.entries(stored)) if (typeof value === 'number') positions.set(key, value);
    } catch {
      // No session storage (private mode) or a damaged value: positions live in memory only.
    }
  }
  return positions;
}

/** Scroll positions per history entry, kept in sessionStorage so they survive a reload of the tab. */
export const scrollPositions = {
  get: (key: string): number | undefined => positionMap().get(key),
  set(key: string, y: number): void {
    const map = positionMap();
    map.delete(key);
    map.set(key, y);
    // Only the most recent entries matter.
    while (map.size > 100) map.delete(map.keys().next().value as string);
  },
  persist(): void {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(positionMap())));
    } catch {
      // Quota or private mode: not worth bothering the teacher about.
    }
  },
};
