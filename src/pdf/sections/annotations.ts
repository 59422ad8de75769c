import type { Annotation } from '../../domain/annotations.ts';
import type { Content } from '../docTypes.ts';
import { vietnamDay, viDate } from '../format.ts';
import { inlines } from '../text.ts';

/**
 * Annotations of one record, threads in order: each first annotation, then its replies indented.
 * `anchorLabel` names what a criterion/timeline-row annotation is about.
 */
export function annotationList(list: readonly Annotation[], title: string, anchorLabel: (a: Annotation) => string = () => ''): Content[] {
  if (list.length === 0) return [];
  const roots = list.filter((a) => !a.threadId || !list.some((r) => r.id === a.threadId));
  const out: Content[] = [{ text: title, bold: true, margin: [0, 6, 0, 2] }];
  for (const root of roots) {
    for (const a of [root, ...list.filter((r) => r.threadId === root.id)]) {
      const about = anchorLabel(a);
      out.push({
        margin: [a === root ? 0 : 24, 0, 0, 3],
        text: [
          { text: `${a.authorName} (${viDate(vietnamDay(a.createdAt))})`, bold: true },
          about ? { text: ` — ${about}`, italics: true } : '',
          ': ',
          inlines(a.text),
        ],
      });
    }
  }
  return out;
}
