import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../../domain/records.ts';
import { queryWords } from '../../../domain/text.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { searchEntries } from '../../db/entries.ts';
import { storageErrorKey } from '../../db/errors.ts';
import { EntryList } from '../../ui/EntryList.tsx';

const DEBOUNCE_MS = 150;

type Results = { query: string; entries: Entry[] } | { query: string; error: string };

/** Results as you type; the query is kept in the URL so going back to search shows the same list. */
export function SearchPanel() {
  const { t } = useTranslation();
  const db = useDatabase();
  const [params, setParams] = useSearchParams();
  const [query, setQuery] = useState(() => params.get('q') ?? '');
  const [results, setResults] = useState<Results | null>(null);
  const active = queryWords(query).length > 0;

  useEffect(() => {
    if (!active) {
      setResults(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      setParams({ q: query }, { replace: true });
      searchEntries(db, query).then(
        (entries) => live && setResults({ query, entries }),
        (err: unknown) => live && setResults({ query, error: storageErrorKey(err) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [db, query, active, setParams]);

  let status = t('search.empty');
  if (active && results && 'entries' in results) {
    status = results.entries.length === 0 ? t('search.none', { query: results.query }) : t('search.count', { count: results.entries.length });
  }

  return (
    <div className="search">
      <div className="field">
        <label htmlFor="search-input">{t('search.label')}</label>
        <p id="search-hint" className="field__hint">
          {t('search.hint')}
        </p>
        <input
          id="search-input"
          type="search"
          enterKeyHint="search"
          autoComplete="off"
          aria-describedby="search-hint"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <p className="subtotal" role="status">
        {status}
      </p>
      {results && 'error' in results ? (
        <p className="form-error" role="alert">
          {t(results.error)}
        </p>
      ) : null}
      {active && results && 'entries' in results && results.entries.length > 0 ? <EntryList entries={results.entries} label={t('search.results')} /> : null}
    </div>
  );
}
