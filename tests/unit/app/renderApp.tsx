import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../../src/app/App.tsx';
import { LogbookDatabase } from '../../../src/app/db/database.ts';
import { initI18n } from '../../../src/app/i18n/i18n.ts';

export function freshDb(): LogbookDatabase {
  return new LogbookDatabase('test-' + crypto.randomUUID());
}

/** Renders the real route table over an in-memory location and a fresh fake-indexeddb database. */
export function renderApp(path: string, db: LogbookDatabase = freshDb()) {
  // jsdom has no layout: ScrollRestoration's scrollTo would only log "not implemented".
  window.scrollTo = () => {};
  const i18n = initI18n('vi');
  if (i18n.language !== 'vi') void i18n.changeLanguage('vi');
  const location = memoryLocation({ path, record: true });
  const router = {
    navigate: (to: string) => act(() => location.navigate(to)),
    /** The address shown now, e.g. "/thang/2024-10?nam=2024". */
    current: () => location.history.at(-1) ?? path,
    pathname: () => (location.history.at(-1) ?? path).split(/[?#]/)[0],
  };
  const user = userEvent.setup();
  const utils = render(<App location={location} db={db} />);
  return { ...utils, router, db, user };
}

export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
