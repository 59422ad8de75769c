import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Entry } from '../../domain/records.ts';
import { EntryCard } from './EntryCard.tsx';

/**
 * A school year can hold 10,000 entries: only the rows near the viewport are in the DOM. The page
 * itself scrolls (not an inner box), which is what phones expect.
 */
export function VirtualEntryList({ entries, label }: { entries: readonly Entry[]; label: string }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: entries.length,
    estimateSize: () => 128,
    overscan: 8,
    scrollMargin,
    getItemKey: (index) => entries[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();

  return (
    <ul ref={listRef} className="entry-list entry-list--virtual" aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const entry = entries[item.index];
        if (!entry) return null;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-setsize={entries.length}
            aria-posinset={item.index + 1}
            style={{ transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
          >
            <EntryCard entry={entry} />
          </li>
        );
      })}
    </ul>
  );
}
