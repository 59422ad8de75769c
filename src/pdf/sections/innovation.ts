import type { Content } from '../docTypes.ts';
import { viDate } from '../format.ts';
import { TOPIC_STATUS_LABELS } from '../labels.ts';
import { rowBreaking } from '../layout.ts';
import type { PeriodData } from '../scope.ts';
import { cell, labelled, textBlock } from '../text.ts';
import type { LogbookInput } from '../types.ts';
import { annotationList } from './annotations.ts';

const header = (titles: string[]) => titles.map((text) => ({ text, style: 'tableHeader' }));

export function innovationSection(input: LogbookInput, data: PeriodData): Content[] {
  const topic = input.innovationTopic;
  if (!topic || topic.schoolYearId !== input.schoolYear.id) return [];
  const out: Content[] = [labelled('Tên nội dung đổi mới', topic.title, { margin: [0, 0, 0, 2] }), labelled('Tình trạng', TOPIC_STATUS_LABELS[topic.status])];
  out.push(...textBlock('Lý do chọn:', topic.reason), ...textBlock('Mục tiêu:', topic.goals), ...textBlock('Biện pháp thực hiện:', topic.measures));
  if (topic.milestones.length > 0) {
    const body: unknown[][] = [header(['Thời gian', 'Nhiệm vụ', 'Sản phẩm dự kiến', 'Kết quả'])];
    for (const m of topic.milestones) body.push([cell(viDate(m.due), { alignment: 'center' }), cell(m.task), cell(m.expectedProduct), cell(m.done ? 'Đã xong' : 'Chưa xong', { alignment: 'center' })]);
    out.push({ text: 'Kế hoạch thực hiện:', bold: true, margin: [0, 6, 0, 2] });
    out.push({ style: 'table', table: { headerRows: 1, ...rowBreaking(true), widths: [62, '*', '*', 60], body } });
  }
  const notes = topic.progressNotes.filter((p) => p.date >= data.from && p.date <= data.to).sort((a, b) => (a.date < b.date ? -1 : 1));
  if (notes.length > 0) {
    out.push({ text: 'Ghi chép tiến độ:', bold: true, margin: [0, 6, 0, 2] });
    for (const note of notes) out.push(labelled(viDate(note.date), note.text, { margin: [0, 0, 0, 3], alignment: 'justify' }));
  }
  out.push(...textBlock('Tổng kết:', topic.summary));
  out.push(...annotationList(data.annotationsOf(topic.id), 'Góp ý, trao đổi:'));
  return out;
}
