import { RouterProvider } from 'react-router';
import type { createBrowserRouter } from 'react-router';
import type { LogbookDatabase } from './db/database.ts';
import { DatabaseProvider } from './db/DatabaseContext.tsx';

type AppRouter = ReturnType<typeof createBrowserRouter>;

/** The router is passed in so tests can use a memory router and a fresh database. */
export function App({ router, db }: { router: AppRouter; db?: LogbookDatabase }) {
  return (
    <DatabaseProvider db={db}>
      <RouterProvider router={router} />
    </DatabaseProvider>
  );
}
