import { schoolYearLabel } from '../domain/schoolYear.ts';
import type { Content } from './docTypes.ts';
import { CONTENT_WIDTH } from './layout.ts';
import { periodLabel } from './labels.ts';
import { para } from './text.ts';
import type { LogbookInput, LogbookPdfOptions } from './types.ts';

/** Left column of the national header: governing body over the school (Phụ lục I, ô số 1). */
const LEFT_WIDTH = CONTENT_WIDTH * 0.44;
const RIGHT_WIDTH = CONTENT_WIDTH - LEFT_WIDTH;

function rule(columnWidth: number, length: number): Content {
  const x = (columnWidth - length) / 2;
  return { canvas: [{ type: 'line', x1: x, y1: 2, x2: x + length, y2: 2, lineWidth: 0.6 }], margin: [0, 0, 0, 0] };
}

export function schoolName(input: LogbookInput): string {
  return input.settings.schoolName || input.profile?.school || '';
}

export function nationalHeader(input: LogbookInput): Content {
  const governing = input.settings.governingBody;
  const school = schoolName(input);
  const left: Content[] = [];
  if (governing) left.push({ text: governing.toLocaleUpperCase('vi'), fontSize: 11, alignment: 'center' });
  if (school) left.push({ text: school.toLocaleUpperCase('vi'), fontSize: 11, bold: true, alignment: 'center' }, rule(LEFT_WIDTH, 60));
  return {
    columns: [
      { width: LEFT_WIDTH, stack: left },
      {
        width: RIGHT_WIDTH,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12, bold: true, alignment: 'center' },
          { text: 'Độc lập - Tự do - Hạnh phúc', fontSize: 13, bold: true, alignment: 'center' },
          rule(RIGHT_WIDTH, 168),
        ],
      },
    ],
    columnGap: 0,
  };
}

export function cover(input: LogbookInput, options: LogbookPdfOptions): Content[] {
  const profile = input.profile;
  const lines: Array<[string, string]> = [
    ['Họ và tên giáo viên', profile?.fullName ?? ''],
    ['Tổ chuyên môn', profile?.department ?? ''],
    ['Môn dạy', profile?.subject ?? ''],
    ['Năm học', schoolYearLabel(input.schoolYear.startYear)],
    ['Học kỳ', periodLabel(options.period)],
  ];
  return [
    nationalHeader(input),
    { text: input.settings.pdfTitle.toLocaleUpperCase('vi'), fontSize: 20, bold: true, alignment: 'center', margin: [0, 150, 0, 40] },
    {
      margin: [60, 0, 0, 0],
      stack: lines
        .filter(([, value]) => value)
        .map(([label, value]) => ({ text: [{ text: `${label}: ` }, { text: value, bold: true }], fontSize: 14, margin: [0, 0, 0, 10] })),
    },
    { ...para(schoolName(input)), alignment: 'center', fontSize: 13, italics: true, margin: [0, 180, 0, 0], pageBreak: 'after' },
  ];
}
