import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import { App } from '../../../src/app/App.tsx';
import { LogbookDatabase } from '../../../src/app/db/database.ts';
import { initI18n } from '../../../src/app/i18n/i18n.ts';
import { appRoutes } from '../../../src/app/routes/routes.tsx';

export function freshDb(): LogbookDatabase {
  return new LogbookDatabase('test-' + crypto.randomUUID());
}

/** Renders the real route table in a memory router over a fresh fake-indexeddb database. */
export function renderApp(path: string, db: LogbookDatabase = freshDb()) {
  // jsdom has no layout: ScrollRestoration's scrollTo would only log "not implemented".
  window.scrollTo = () => {};
  const i18n = initI18n('vi');
  if (i18n.language !== 'vi') void i18n.changeLanguage('vi');
  const router = createMemoryRouter(appRoutes, { initialEntries: [path] });
  const user = userEvent.setup();
  const utils = render(<App router={router} db={db} />);
  return { ...utils, router, db, user };
}

export function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
