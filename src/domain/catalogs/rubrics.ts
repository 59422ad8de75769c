import type { Localized } from './localized.ts';

/**
 * Rubrics for lesson observations (dự giờ), as versioned data (domain.md, "Lesson observation").
 * An observation keeps the rubricId and rubricVersion it was made with; a new version is appended
 * here and the old one stays, so an old observation always shows the criteria it was scored on.
 * Neither sheet has been checked against a primary text (domain.md: unconfirmed) — hence data, not logic.
 */

export interface RubricCriterion {
  /** Stable within a rubric version: the key of criterionComments / criterionScores. */
  readonly code: string;
  readonly label: Localized;
}

export interface RubricGroup {
  readonly code: string;
  readonly label: Localized;
  readonly criteria: readonly RubricCriterion[];
}

export interface RatingLevel {
  readonly code: string;
  readonly label: Localized;
}

export interface Rubric {
  readonly id: string;
  readonly version: number;
  readonly label: Localized;
  readonly groups: readonly RubricGroup[];
  /**
   * 'comments': nhận xét per criterion and an optional rating chosen by the observer;
   * 'points20': each criterion scored from `scoreSteps`, the rating follows from the total and the
   * school's thresholds (schoolSettings.ratingThresholds).
   */
  readonly scoring: 'comments' | 'points20';
  readonly scoreSteps: readonly number[];
  /** Best first. For 'points20' the codes are gioi, kha, trungBinh, chuaDat (the thresholds' keys). */
  readonly ratings: readonly RatingLevel[];
}

const l = (vi: string, en: string): Localized => ({ vi, en });

const KHUNG_3X4_V1: Rubric = {
  id: 'khung-3x4',
  version: 1,
  label: l('Khung phân tích bài dạy (3 nhóm × 4 tiêu chí)', 'Lesson analysis framework (3 groups × 4 criteria)'),
  scoring: 'comments',
  scoreSteps: [],
  ratings: [
    { code: 'tot', label: l('Tốt', 'Very good') },
    { code: 'kha', label: l('Khá', 'Good') },
    { code: 'dat', label: l('Đạt', 'Satisfactory') },
    { code: 'chuaDat', label: l('Chưa đạt', 'Not yet satisfactory') },
  ],
  groups: [
    {
      code: '1',
      label: l('Kế hoạch và tài liệu dạy học', 'Lesson plan and materials'),
      criteria: [
        { code: '1.1', label: l('Mức độ phù hợp của chuỗi hoạt động học với mục tiêu, nội dung và phương pháp dạy học', 'Fit of the chain of activities with objectives, content and methods') },
        { code: '1.2', label: l('Mức độ rõ ràng của mục tiêu, nội dung, kĩ thuật tổ chức và sản phẩm cần đạt của mỗi nhiệm vụ học tập', 'Clarity of each task: objective, content, technique, expected product') },
        { code: '1.3', label: l('Mức độ phù hợp của thiết bị dạy học và học liệu', 'Fit of teaching equipment and materials') },
        { code: '1.4', label: l('Mức độ hợp lí của phương án kiểm tra, đánh giá trong quá trình tổ chức hoạt động học', 'Soundness of in-lesson assessment') },
      ],
    },
    {
      code: '2',
      label: l('Tổ chức hoạt động học cho học sinh', 'Organising students’ learning'),
      criteria: [
        { code: '2.1', label: l('Mức độ sinh động, hấp dẫn học sinh của phương pháp và hình thức chuyển giao nhiệm vụ học tập', 'How tasks are handed over') },
        { code: '2.2', label: l('Khả năng theo dõi, quan sát, phát hiện kịp thời những khó khăn của học sinh', 'Spotting students’ difficulties in time') },
        { code: '2.3', label: l('Mức độ phù hợp, hiệu quả của các biện pháp hỗ trợ và khuyến khích học sinh hợp tác, giúp đỡ nhau', 'Support and encouraging cooperation') },
        { code: '2.4', label: l('Mức độ hiệu quả hoạt động của giáo viên trong việc tổng hợp, phân tích, đánh giá kết quả hoạt động', 'Synthesising and evaluating students’ results') },
      ],
    },
    {
      code: '3',
      label: l('Hoạt động của học sinh', 'Students’ activity'),
      criteria: [
        { code: '3.1', label: l('Khả năng tiếp nhận và sẵn sàng thực hiện nhiệm vụ học tập của tất cả học sinh trong lớp', 'All students take up the task') },
        { code: '3.2', label: l('Mức độ tích cực, chủ động, sáng tạo, hợp tác của học sinh', 'Students work actively, creatively, cooperatively') },
        { code: '3.3', label: l('Mức độ tham gia tích cực của học sinh trong trình bày, trao đổi, thảo luận', 'Students present and discuss') },
        { code: '3.4', label: l('Mức độ đúng đắn, chính xác, phù hợp của các kết quả thực hiện nhiệm vụ học tập', 'Correctness and fit of results') },
      ],
    },
  ],
};

const PHIEU_20_V1: Rubric = {
  id: 'phieu-20',
  version: 1,
  label: l('Phiếu đánh giá tiết dạy (thang 20 điểm)', 'Lesson rating sheet (20 points)'),
  scoring: 'points20',
  scoreSteps: [2, 1.5, 1, 0.5],
  ratings: [
    { code: 'gioi', label: l('Giỏi', 'Excellent') },
    { code: 'kha', label: l('Khá', 'Good') },
    { code: 'trungBinh', label: l('Trung bình', 'Average') },
    { code: 'chuaDat', label: l('Chưa đạt', 'Not yet satisfactory') },
  ],
  groups: [
    {
      code: 'noiDung',
      label: l('Nội dung', 'Content'),
      criteria: [
        { code: '1', label: l('Đảm bảo tính chính xác, khoa học', 'Accurate and scientific') },
        { code: '2', label: l('Đảm bảo tính hệ thống, đủ nội dung, làm rõ trọng tâm', 'Systematic, complete, focused') },
        { code: '3', label: l('Liên hệ thực tế (nếu có), có tính giáo dục', 'Links to real life, educational value') },
      ],
    },
    {
      code: 'phuongPhap',
      label: l('Phương pháp', 'Methods'),
      criteria: [
        { code: '4', label: l('Sử dụng phương pháp phù hợp với đặc trưng bộ môn, với nội dung của kiểu bài lên lớp', 'Methods fit the subject and the lesson type') },
        { code: '5', label: l('Kết hợp tốt các phương pháp trong các hoạt động dạy học', 'Methods combined well') },
      ],
    },
    {
      code: 'phuongTien',
      label: l('Phương tiện', 'Means'),
      criteria: [
        { code: '6', label: l('Sử dụng và kết hợp tốt các phương tiện, thiết bị dạy học phù hợp với nội dung của kiểu bài lên lớp', 'Equipment used well and fitting the lesson') },
        { code: '7', label: l('Trình bày bảng hợp lý, chữ viết, hình vẽ, lời nói rõ ràng, chuẩn mực, giáo án hợp lý', 'Board, writing, speech clear; sound lesson plan') },
      ],
    },
    {
      code: 'toChuc',
      label: l('Tổ chức', 'Organisation'),
      criteria: [
        { code: '8', label: l('Thực hiện linh hoạt các khâu lên lớp, phân phối thời gian hợp lý ở các phần, các khâu', 'Flexible steps, time well shared') },
        { code: '9', label: l('Tổ chức và điều khiển học sinh học tập tích cực, chủ động phù hợp với nội dung của kiểu bài, với các đối tượng học sinh; học sinh hứng thú học bài', 'Students learn actively and with interest') },
      ],
    },
    {
      code: 'ketQua',
      label: l('Kết quả', 'Results'),
      criteria: [{ code: '10', label: l('Đa số học sinh hiểu bài, nắm vững trọng tâm, biết vận dụng kiến thức', 'Most students understand and apply the lesson') }],
    },
  ],
};

/** Every rubric version ever used; append, never edit a published version. */
export const RUBRICS: readonly Rubric[] = [KHUNG_3X4_V1, PHIEU_20_V1];

export const DEFAULT_RUBRIC_ID = 'khung-3x4';

/** The exact version an observation was made with, or undefined (a newer app's rubric). */
export function findRubric(id: string, version: number, catalog: readonly Rubric[] = RUBRICS): Rubric | undefined {
  return catalog.find((r) => r.id === id && r.version === version);
}

/** The newest version of a rubric, for new observations; falls back to the default rubric. */
export function latestRubric(id: string, catalog: readonly Rubric[] = RUBRICS): Rubric {
  const newest = (rubricId: string) =>
    catalog.filter((r) => r.id === rubricId).reduce<Rubric | undefined>((best, r) => (!best || r.version > best.version ? r : best), undefined);
  const found = newest(id) ?? newest(DEFAULT_RUBRIC_ID) ?? catalog[0];
  if (!found) throw new Error('empty rubric catalog');
  return found;
}

/** One entry per rubric id (its newest version), for the school's choice. */
export function rubricChoices(catalog: readonly Rubric[] = RUBRICS): Rubric[] {
  const ids = [...new Set(catalog.map((r) => r.id))];
  return ids.map((id) => latestRubric(id, catalog));
}

export function rubricCriteria(rubric: Rubric): RubricCriterion[] {
  return rubric.groups.flatMap((g) => g.criteria);
}
