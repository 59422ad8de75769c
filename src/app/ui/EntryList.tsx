import type { Entry } from '../../domain/records.ts';
import { EntryCard } from './EntryCard.tsx';

/** A short list (a few dozen rows at most); long lists use VirtualEntryList. */
export function EntryList({ entries, label }: { entries: readonly Entry[]; label: string }) {
  return (
    <ul className="entry-list" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id}>
          <EntryCard entry={entry} />
        </li>
      ))}
    </ul>
  );
}
