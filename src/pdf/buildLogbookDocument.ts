import { schoolYearLabel } from '../domain/schoolYear.ts';
import { cover } from './cover.ts';
import type { Content, DocDefinition } from './docTypes.ts';
import { roman } from './format.ts';
import { periodLabel } from './labels.ts';
import { BODY_SIZE, FONT_FAMILY, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MM, STYLES } from './layout.ts';
import { periodData, type PeriodData } from './scope.ts';
import { bdtxSection } from './sections/bdtx.ts';
import { entriesSection } from './sections/entries.ts';
import { innovationSection } from './sections/innovation.ts';
import { observationsSection } from './sections/observations.ts';
import { profileSection } from './sections/profile.ts';
import { semesterReflectionSection } from './sections/reflection.ts';
import { skknSection } from './sections/skkn.ts';
import { signatures } from './signatures.ts';
import { SECTION_KEYS, type LogbookInput, type LogbookPdfOptions, type SectionKey } from './types.ts';

export const SECTION_TITLES: Record<SectionKey, string> = {
  profile: 'THÔNG TIN CÁ NHÂN',
  entries: 'NỘI DUNG TỰ BỒI DƯỠNG',
  bdtx: 'BỒI DƯỠNG THƯỜNG XUYÊN',
  observations: 'DỰ GIỜ',
  innovation: 'NỘI DUNG ĐỔI MỚI',
  skkn: 'SÁNG KIẾN KINH NGHIỆM',
  semesterReflection: 'TỰ NHẬN XÉT HỌC KỲ',
};

function sectionBody(key: SectionKey, input: LogbookInput, data: PeriodData, options: LogbookPdfOptions): Content[] {
  switch (key) {
    case 'profile':
      return profileSection(input);
    case 'entries':
      return entriesSection(data);
    case 'bdtx':
      return bdtxSection(input, data);
    case 'observations':
      return observationsSection(input, data, options);
    case 'innovation':
      return innovationSection(input, data);
    case 'skkn':
      return skknSection(input);
    case 'semesterReflection':
      return semesterReflectionSection(input, data);
  }
}

/** The sections that will appear: chosen and with data, in document order. */
export function presentSections(input: LogbookInput, options: LogbookPdfOptions): SectionKey[] {
  const data = periodData(input, options.period);
  const chosen = options.sections ?? SECTION_KEYS;
  return SECTION_KEYS.filter((key) => chosen.includes(key) && sectionBody(key, input, data, options).length > 0);
}

/**
 * The semester (or year) logbook as a pdfmake document definition: cover with the national header,
 * numbered sections that have data (left out otherwise, and numbered without gaps), signature
 * blocks and the place-and-date line. Pure: the same definition in the browser worker and in Node.
 */
export function buildLogbookDocument(input: LogbookInput, options: LogbookPdfOptions): DocDefinition {
  const data = periodData(input, options.period);
  const chosen = options.sections ?? SECTION_KEYS;
  const content: Content[] = [...cover(input, options)];
  let n = 0;
  for (const key of SECTION_KEYS) {
    if (!chosen.includes(key)) continue;
    const body = sectionBody(key, input, data, options);
    if (body.length === 0) continue;
    n += 1;
    const title: Content = { text: `${roman(n)}. ${SECTION_TITLES[key]}`, ...STYLES.sectionTitle };
    // Kept with what follows it unless that is a table (which may be pages long and would then move whole).
    const [first, ...rest] = body;
    if (first && typeof first === 'object' && !Array.isArray(first) && !('table' in first)) content.push({ stack: [title, first], unbreakable: true }, ...rest);
    else content.push(title, ...body);
  }
  content.push(...signatures(input, data, options));

  const teacher = input.profile?.fullName ?? '';
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM],
    // Page numbers centred in the top margin, none on the cover (Nghị định 30/2020).
    header: (currentPage) => (currentPage === 1 ? null : { text: String(currentPage), alignment: 'center', fontSize: BODY_SIZE, margin: [0, 10 * MM, 0, 0] }),
    content,
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_SIZE, lineHeight: 1.15 },
    styles: STYLES,
    info: {
      title: `${input.settings.pdfTitle} — ${teacher} — ${periodLabel(options.period)}, năm học ${schoolYearLabel(input.schoolYear.startYear)}`.normalize('NFC'),
      author: teacher,
      subject: `${periodLabel(options.period)}, năm học ${schoolYearLabel(input.schoolYear.startYear)}`,
      creator: 'Sổ Bồi Dưỡng',
      producer: 'Sổ Bồi Dưỡng',
    },
    language: 'vi-VN',
  };
}
