import type { Content } from '../docTypes.ts';
import { viDate } from '../format.ts';
import { SKKN_STATUS_LABELS } from '../labels.ts';
import { labelled, textBlock } from '../text.ts';
import type { LogbookInput } from '../types.ts';

/** The SKKN of the school year: title, status and abstract (the full text is its own document). */
export function skknSection(input: LogbookInput): Content[] {
  const list = input.skkn.filter((s) => s.schoolYearId === input.schoolYear.id).sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  const out: Content[] = [];
  list.forEach((s, i) => {
    const lines: Array<[string, string]> = [
      ['Tên sáng kiến', s.title],
      ['Tác giả', s.authors.map((a) => (s.authors.length > 1 ? `${a.name} (${String(a.contributionPercent).replace('.', ',')}%)` : a.name)).join(', ')],
      ['Lĩnh vực', s.field],
      ['Tình trạng', SKKN_STATUS_LABELS[s.status] ?? s.status],
      ['Ngày áp dụng lần đầu', s.firstAppliedOn ? viDate(s.firstAppliedOn) : ''],
    ];
    if (list.length > 1) out.push({ text: `Sáng kiến ${i + 1}`, bold: true, italics: true, margin: [0, 6, 0, 2] });
    for (const [label, value] of lines) if (value) out.push(labelled(label, value, { margin: [0, 0, 0, 2] }));
    out.push(...textBlock('Tóm tắt:', s.abstract));
  });
  return out;
}
