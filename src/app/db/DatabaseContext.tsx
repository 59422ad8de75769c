import { createContext, useContext, type ReactNode } from 'react';
import { getDatabase, type LogbookDatabase } from './database.ts';

const DatabaseContext = createContext<LogbookDatabase | null>(null);

/** Components read the database from context so tests can give each one a fresh fake-indexeddb. */
export function DatabaseProvider({ db, children }: { db?: LogbookDatabase; children: ReactNode }) {
  return <DatabaseContext.Provider value={db ?? getDatabase()}>{children}</DatabaseContext.Provider>;
}

export function useDatabase(): LogbookDatabase {
  const db = useContext(DatabaseContext);
  if (!db) throw new Error('useDatabase outside DatabaseProvider');
  return db;
}
