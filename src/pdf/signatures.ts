import type { Confirmation, ConfirmerRole } from '../domain/confirmations.ts';
import type { Content } from './docTypes.ts';
import { placeDateLine, vietnamDay, viDate } from './format.ts';
import { CONTENT_WIDTH } from './layout.ts';
import { para } from './text.ts';
import type { LogbookInput, LogbookPdfOptions } from './types.ts';
import type { PeriodData } from './scope.ts';

/** The newest confirmation per role for the period (for the whole year: HK II's, else HK I's). */
export function confirmationFor(input: LogbookInput, data: PeriodData, role: ConfirmerRole): Confirmation | null {
  const candidates = input.confirmations.filter((c) => c.schoolYearId === input.schoolYear.id && c.authorRole === role && data.semesters.includes(c.semester));
  candidates.sort((a, b) => (a.semester !== b.semester ? (a.semester < b.semester ? 1 : -1) : a.confirmedAt < b.confirmedAt ? 1 : -1));
  return candidates[0] ?? null;
}

const CONTENT_HALF = CONTENT_WIDTH / 2;
const BLOCK_WIDTH = CONTENT_HALF - 6;

/** Title and "Xác nhận" (remark, date) of one signer; the name goes below, after room to sign. */
function head(title: string, confirmation: Confirmation | null): Content {
  const stack: Content[] = [{ text: title, bold: true }];
  if (confirmation) {
    stack.push({ text: 'Xác nhận', bold: true, margin: [0, 2, 0, 0] });
    if (confirmation.remark.trim()) stack.push(para(confirmation.remark, { italics: true, fontSize: 11 }));
    stack.push({ text: `Ngày ${viDate(vietnamDay(confirmation.confirmedAt))}`, fontSize: 11 });
  } else {
    stack.push({ text: '(Ký, ghi rõ họ tên)', italics: true, fontSize: 11 });
  }
  return { stack, alignment: 'center', width: BLOCK_WIDTH };
}

function name(value: string): Content {
  return { text: value, bold: true, alignment: 'center', width: BLOCK_WIDTH };
}

/**
 * Người viết at the right under the place-and-date line, the tổ trưởng at the left, the hiệu trưởng
 * centred below: the usual arrangement of a school record. Names line up after room to sign.
 */
export function signatures(input: LogbookInput, data: PeriodData, options: LogbookPdfOptions): Content[] {
  const toTruong = confirmationFor(input, data, 'toTruong');
  const hieuTruong = confirmationFor(input, data, 'hieuTruong');
  const spacer = { width: '*', text: '' };
  return [
    {
      unbreakable: true,
      margin: [0, 18, 0, 0],
      stack: [
        { text: placeDateLine(input.settings.placeName, options.signedOn), italics: true, alignment: 'center', margin: [CONTENT_HALF, 0, 0, 6] },
        { columns: [head('TỔ TRƯỞNG', toTruong), head('NGƯỜI VIẾT', null)], columnGap: 12 },
        { columns: [name(toTruong?.authorName ?? ''), name(input.profile?.fullName ?? '')], columnGap: 12, margin: [0, 56, 0, 0] },
        { columns: [spacer, head('HIỆU TRƯỞNG', hieuTruong), spacer], margin: [0, 18, 0, 0] },
        { columns: [spacer, name(hieuTruong?.authorName ?? ''), spacer], margin: [0, 56, 0, 0] },
      ],
    },
  ];
}
