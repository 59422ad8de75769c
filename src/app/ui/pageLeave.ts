/**
 * The moments when unsaved input must be written now because the page may be gone next: the tab is
 * hidden (a phone switching apps, then killed), the page is unloaded, or the PWA update prompt is about
 * to reload into a new version (it waits for the promise handed to `waitUntil`).
 */
export const BEFORE_UPDATE_EVENT = 'sbd:before-update';

export interface BeforeUpdateDetail {
  waitUntil(promise: Promise<unknown>): void;
}

/** Calls `save` at each of those moments; returns the function that stops listening. */
export function onPageLeave(save: () => Promise<unknown>): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void save();
  };
  const onPageHide = () => void save();
  const onBeforeUpdate = (event: Event) => {
    (event as CustomEvent<BeforeUpdateDetail | null>).detail?.waitUntil?.(save());
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener(BEFORE_UPDATE_EVENT, onBeforeUpdate);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onPageHide);
    window.removeEventListener(BEFORE_UPDATE_EVENT, onBeforeUpdate);
  };
}
