import { measureElement, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Entry } from '../../domain/records.ts';
import { EntryCard } from './EntryCard.tsx';

const ESTIMATED_ROW_PX = 128;

/**
 * A school year can hold 10,000 entries: only the rows near the viewport are in the DOM. The page
 * itself scrolls (not an inner box), which is what phones expect; going back to the list returns to
 * the same row through the layout's ScrollRestoration (it re-applies the position as the list grows).
 */
export function VirtualEntryList({ entries, label }: { entries: readonly Entry[]; label: string }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
  }, []);

  const virtualizer = useWindowVirtualizer({
    count: entries.length,
    estimateSize: () => ESTIMATED_ROW_PX,
    // A hidden list measures 0 px per row, which would pull every row into the window at once.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ESTIMATED_ROW_PX,
    overscan: 8,
    scrollMargin,
    getItemKey: (index) => entries[index]?.id ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const totalSize = virtualizer.getTotalSize();

  return (
    <ul ref={listRef} className="entry-list entry-list--virtual" aria-label={label} style={{ height: totalSize }}>
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
