/**
 * Before the app reloads into a new version it fires `sbd:before-update` on `window`. A screen with
 * unsaved input saves it (a draft) and may hand the promise to `waitUntil`; the reload waits for
 * every such promise, at most BEFORE_UPDATE_TIMEOUT_MS. Screens listen through ui/pageLeave.ts.
 */
import { BEFORE_UPDATE_EVENT, type BeforeUpdateDetail } from '../../ui/pageLeave.ts';

export const BEFORE_UPDATE_TIMEOUT_MS = 3000;

/** Lets every listener flush its drafts; resolves when they are done (or the timeout passed). */
export async function flushBeforeUpdate(target: EventTarget = window, timeoutMs = BEFORE_UPDATE_TIMEOUT_MS): Promise<void> {
  const pending: Promise<unknown>[] = [];
  const detail: BeforeUpdateDetail = { waitUntil: (promise) => void pending.push(promise) };
  target.dispatchEvent(new CustomEvent<BeforeUpdateDetail>(BEFORE_UPDATE_EVENT, { detail }));
  // Also give React a turn to commit state that a listener set synchronously.
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (pending.length === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([Promise.allSettled(pending), timeout]);
  clearTimeout(timer);
}
