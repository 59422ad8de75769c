import type { Localized } from './localized.ts';

/**
 * Outline templates an SKKN draft starts from (domain.md, "SKKN"). Provinces vary the outline, so it
 * is a versioned catalog: ids are stable (a draft stores the id it came from), titles may change.
 * Section titles are the document's own words (Vietnamese, whatever the app's language).
 * The provincial and Nghị định 13/2012 variants follow templates in circulation; they are not checked
 * against each Sở's current primary text, so teachers can rename, add and remove sections freely.
 */
export const SKKN_OUTLINES_VERSION = 1;

export interface OutlineSection {
  title: string;
  /** 1 = a part (1., 2.), 2 = a subsection (1.1.), 3 = below that. */
  level: 1 | 2 | 3;
  /** Numbered in the document (Phụ lục, for instance, is not). */
  numbered: boolean;
  /** What the section is for, shown above the editor while it is empty. */
  hint: string;
}

export interface SkknOutline {
  id: string;
  name: Localized;
  description: Localized;
  sections: readonly OutlineSection[];
}

const s = (level: 1 | 2 | 3, title: string, hint = '', numbered = true): OutlineSection => ({ level, title, hint, numbered });

export const SKKN_OUTLINES: readonly SkknOutline[] = [
  {
    id: 'chung-2024',
    name: { vi: 'Mẫu chung (Mở đầu – Nội dung – Kết luận)', en: 'Common outline (Introduction – Content – Conclusion)' },
    description: {
      vi: 'Dàn ý thường dùng trên cả nước: mở đầu, nội dung (cơ sở lý luận, thực trạng, giải pháp, hiệu quả), kết luận và kiến nghị, phụ lục.',
      en: 'The outline used across the country: introduction, content (theory, current state, solutions, results), conclusion, appendix.',
    },
    sections: [
      s(1, 'Mở đầu'),
      s(2, 'Lý do chọn đề tài', 'Vấn đề nảy sinh trong thực tế dạy học, giáo dục ở đơn vị; vì sao cần giải quyết.'),
      s(2, 'Mục đích nghiên cứu', 'Đề tài nhằm đạt được điều gì.'),
      s(2, 'Đối tượng nghiên cứu', 'Nghiên cứu cái gì (không phải học sinh nào).'),
      s(2, 'Phạm vi nghiên cứu', 'Lớp, khối, thời gian áp dụng.'),
      s(2, 'Phương pháp nghiên cứu', 'Điều tra, quan sát, thực nghiệm, thống kê…'),
      s(2, 'Điểm mới của đề tài', 'Điều mới so với cách làm trước đây ở đơn vị.'),
      s(1, 'Nội dung'),
      s(2, 'Cơ sở lý luận', 'Văn bản chỉ đạo, lý luận dạy học làm nền cho giải pháp.'),
      s(2, 'Thực trạng vấn đề', 'Số liệu khảo sát trước khi áp dụng; thuận lợi, khó khăn.'),
      s(2, 'Các giải pháp', 'Từng giải pháp: mục tiêu, cách làm, ví dụ minh hoạ.'),
      s(2, 'Hiệu quả', 'Kết quả sau khi áp dụng, so sánh với trước (bảng số liệu).'),
      s(1, 'Kết luận, kiến nghị'),
      s(2, 'Kết luận', 'Bài học kinh nghiệm, khả năng áp dụng rộng.'),
      s(2, 'Kiến nghị', 'Đề xuất với tổ, nhà trường, cấp trên.'),
      s(1, 'Phụ lục', 'Phiếu khảo sát, bài kiểm tra, hình ảnh minh chứng.', false),
    ],
  },
  {
    id: 'thanh-hoa-2024',
    name: { vi: 'Mẫu Sở GD&ĐT Thanh Hóa', en: 'Thanh Hóa education department outline' },
    description: {
      vi: 'Biến thể cấp tỉnh: phương pháp và điểm mới ngay trong phần mở đầu, thực trạng trước khi áp dụng, hiệu quả với học sinh, bản thân, đồng nghiệp và nhà trường.',
      en: 'A provincial variant: methods and novelty in the introduction, state before applying it, effect on students, self, colleagues and the school.',
    },
    sections: [
      s(1, 'Mở đầu'),
      s(2, 'Lí do chọn đề tài'),
      s(2, 'Mục đích nghiên cứu'),
      s(2, 'Đối tượng nghiên cứu'),
      s(2, 'Phương pháp nghiên cứu'),
      s(2, 'Những điểm mới của sáng kiến kinh nghiệm'),
      s(1, 'Nội dung sáng kiến kinh nghiệm'),
      s(2, 'Cơ sở lí luận của sáng kiến kinh nghiệm'),
      s(2, 'Thực trạng vấn đề trước khi áp dụng sáng kiến kinh nghiệm'),
      s(2, 'Các giải pháp đã sử dụng để giải quyết vấn đề'),
      s(2, 'Hiệu quả của sáng kiến kinh nghiệm đối với hoạt động giáo dục, với bản thân, đồng nghiệp và nhà trường'),
      s(1, 'Kết luận, kiến nghị'),
      s(2, 'Kết luận'),
      s(2, 'Kiến nghị'),
      s(1, 'Phụ lục', '', false),
    ],
  },
  {
    id: 'nd13-mo-ta',
    name: { vi: 'Báo cáo mô tả sáng kiến (Nghị định 13/2012)', en: 'Initiative description (Decree 13/2012)' },
    description: {
      vi: 'Theo nội dung đơn yêu cầu công nhận sáng kiến: bản chất, điều kiện áp dụng, lợi ích thu được, người tham gia áp dụng thử.',
      en: 'Following the recognition request of Decree 13/2012: substance, conditions, benefits, people who trial-applied it.',
    },
    sections: [
      s(1, 'Tình trạng giải pháp đã biết', 'Cách làm đang áp dụng ở đơn vị và những hạn chế.'),
      s(1, 'Nội dung giải pháp đề nghị công nhận là sáng kiến'),
      s(2, 'Mục đích của giải pháp'),
      s(2, 'Những điểm khác biệt, tính mới của giải pháp so với giải pháp đã, đang được áp dụng'),
      s(2, 'Mô tả chi tiết bản chất của giải pháp'),
      s(1, 'Khả năng áp dụng của giải pháp', 'Điều kiện cần thiết và những nơi có thể áp dụng.'),
      s(1, 'Hiệu quả, lợi ích thu được hoặc dự kiến có thể thu được do áp dụng giải pháp'),
      s(1, 'Những người tham gia tổ chức áp dụng sáng kiến lần đầu'),
      s(1, 'Phụ lục', '', false),
    ],
  },
];

export const DEFAULT_OUTLINE_ID = 'chung-2024';

export function findOutline(id: string): SkknOutline | undefined {
  return SKKN_OUTLINES.find((outline) => outline.id === id);
}

/** The hint of a section title in an outline, for the editor (empty when the title was changed). */
export function sectionHint(outlineId: string, title: string): string {
  return findOutline(outlineId)?.sections.find((section) => section.title === title)?.hint ?? '';
}

export interface NumberedSection {
  /** "1.", "2.3.", or '' for an unnumbered section. */
  number: string;
}

/**
 * Heading numbers from levels in document order: "1.", "1.1.", "1.1.1."; a level-1 section marked
 * unnumbered gets no number and does not advance the count, and neither do its subsections.
 */
export function headingNumbers(sections: ReadonlyArray<{ level: number; numbered?: boolean }>): string[] {
  const counters = [0, 0, 0, 0];
  let skipping = false;
  return sections.map((section) => {
    const level = Math.min(Math.max(section.level, 1), 4);
    if (level === 1) skipping = section.numbered === false;
    if (skipping || section.numbered === false) return '';
    counters[level - 1]! += 1;
    for (let k = level; k < counters.length; k++) counters[k] = 0;
    return `${counters.slice(0, level).map((n) => Math.max(n, 1)).join('.')}.`;
  });
}
