import type { Content } from '../docTypes.ts';
import { periodLabel } from '../labels.ts';
import type { PeriodData } from '../scope.ts';
import { para } from '../text.ts';
import type { LogbookInput } from '../types.ts';
import { annotationList } from './annotations.ts';

export function semesterReflectionSection(input: LogbookInput, data: PeriodData): Content[] {
  const out: Content[] = [];
  for (const semester of data.semesters) {
    const text = data.semesterReflections.get(semester)?.text ?? '';
    const notes = data.annotationsOf(`${input.schoolYear.id}:${semester}`);
    if (!text.trim() && notes.length === 0) continue;
    if (data.semesters.length > 1) out.push({ text: periodLabel(semester), bold: true, italics: true, margin: [0, 6, 0, 2] });
    if (text.trim()) out.push(para(text, { alignment: 'justify' }));
    out.push(...annotationList(notes, 'Nhận xét, góp ý:'));
  }
  return out;
}
