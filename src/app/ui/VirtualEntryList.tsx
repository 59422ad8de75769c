import { measureElement, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import type { Entry } from '../../domain/records.ts';
import { EntryCard } from './EntryCard.tsx';

const ESTIMATED_ROW_PX = 128;

/**
 * Scroll position per history entry. The router's ScrollRestoration runs before the list's data has
 * loaded (the page is still short), so the list restores its own position once it has rows.
 */
const positions = new Map<string, number>();

/**
 * A school year can hold 10,000 entries: only the rows near the viewport are in the DOM. The page
 * itself scrolls (not an inner box), which is what phones expect.
 */
export function VirtualEntryList({ entries, label }: { entries: readonly Entry[]; label: string }) {
  const listRef = useRef<HTMLUListElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const { key } = useLocation();
  const pendingRestore = useRef<number | null>(null);
  useLayoutEffect(() => {
    setScrollMargin(listRef.current?.offsetTop ?? 0);
    pendingRestore.current = positions.get(key) ?? null;
    return () => {
      positions.set(key, window.scrollY);
    };
  }, [key]);

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

  // The rows may arrive in two steps (the newest first): restore once the list is tall enough.
  useLayoutEffect(() => {
    const saved = pendingRestore.current;
    if (saved === null) return;
    if (saved <= scrollMargin + totalSize - window.innerHeight || entries.length === 0) {
      window.scrollTo(0, saved);
      pendingRestore.current = null;
    }
  }, [totalSize, scrollMargin, entries.length]);

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
