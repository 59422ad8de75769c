import { Router, type BaseLocationHook, type BaseSearchHook } from 'wouter';
import type { LogbookDatabase } from './db/database.ts';
import { DatabaseProvider } from './db/DatabaseContext.tsx';
import { AppRoutes } from './routes/routes.tsx';
import { useAppLocation } from './ui/location.ts';

export interface AppLocation {
  hook: BaseLocationHook;
  searchHook?: BaseSearchHook;
}

/** The location is passed in so tests can use wouter's memoryLocation and a fresh database. */
export function App({ location, db }: { location?: AppLocation; db?: LogbookDatabase }) {
  return (
    <DatabaseProvider db={db}>
      <Router hook={location?.hook ?? useAppLocation} searchHook={location?.searchHook}>
        <AppRoutes />
      </Router>
    </DatabaseProvider>
  );
}
