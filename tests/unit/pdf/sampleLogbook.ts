import type { Annotation } from '../../../src/domain/annotations.ts';
import type { Confirmation } from '../../../src/domain/confirmations.ts';
import type { InnovationTopic } from '../../../src/domain/innovationTopic.ts';
import type { Observation, ObservedLesson } from '../../../src/domain/observations.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../../../src/domain/records.ts';
import { DEFAULT_SCHOOL_SETTINGS } from '../../../src/domain/schoolSettings.ts';
import type { Skkn } from '../../../src/domain/skkn.ts';
import type { LogbookInput } from '../../../src/pdf/types.ts';

/**
 * Logbooks for the PDF tests and the bench, built deterministically (no randomness, fixed times) so
 * that golden texts and images stay stable. Text is NFC Vietnamese, as the zod schemas store it.
 */
export const YEAR: SchoolYear = {
  id: 'year-2023',
  startYear: 2023,
  hk1Start: '2023-09-05',
  hk1End: '2024-01-14',
  hk2Start: '2024-01-15',
  hk2End: '2024-05-25',
  updatedAt: '2023-09-01T00:00:00.000Z',
};

export const PROFILE: Profile = {
  id: 'profile',
  fullName: 'Nguyễn Thị Hoà',
  school: 'Trường THCS Lộc Nga',
  department: 'Tổ Khoa học tự nhiên',
  subject: 'Toán',
  position: 'Giáo viên',
  homeroomClass: '8A',
  district: 'Thành phố Bảo Lộc',
  province: 'Lâm Đồng',
  updatedAt: '2023-09-01T00:00:00.000Z',
};

export const SETTINGS = {
  ...DEFAULT_SCHOOL_SETTINGS,
  schoolName: 'Trường THCS Lộc Nga',
  governingBody: 'Phòng GD&ĐT Thành phố Bảo Lộc',
  placeName: 'Lộc Nga',
};

const AT = '2023-10-01T08:00:00.000Z';

export function entry(id: string, date: string, content: string, extra: Partial<Entry> = {}): Entry {
  return {
    id,
    schoolYearId: YEAR.id,
    date,
    content,
    form: 'tu-hoc',
    bdtxProgram: null,
    module: null,
    periods: 2,
    source: '',
    result: '',
    evidence: '',
    note: '',
    createdAt: `${date}T01:00:00.000Z`,
    updatedAt: `${date}T01:00:00.000Z`,
    ...extra,
  };
}

export function reflection(kind: 'month' | 'semester', period: string, text: string): Reflection {
  return { id: `r-${period}`, schoolYearId: YEAR.id, kind, period, text, updatedAt: AT };
}

export function observation(id: string, date: string, extra: Partial<Observation> = {}): Observation {
  return {
    id,
    schoolYearId: YEAR.id,
    date,
    lessonPeriod: '3',
    className: '7B',
    subject: 'Ngữ văn',
    lessonTitle: 'Bài 3: Những góc nhìn cuộc sống',
    teacherUserId: null,
    teacherName: 'Trần Văn Bình',
    observers: 'Nguyễn Thị Hoà',
    purpose: 'thaoGiang',
    timeline: [
      { id: `${id}-t1`, time: '7:15', activity: 'Khởi động: trò chơi “Ai nhanh hơn”, học sinh hứng thú.', note: 'Thời gian hợp lý' },
      { id: `${id}-t2`, time: '7:25', activity: 'Hình thành kiến thức: thảo luận nhóm theo kỹ thuật khăn trải bàn.', note: 'Nhóm 3 chưa tích cực' },
    ],
    rubricId: 'khung-3x4',
    rubricVersion: 1,
    criterionComments: { '1.1': 'Chuỗi hoạt động phù hợp với mục tiêu.', '2.1': 'Giao nhiệm vụ rõ ràng, học sinh hứng thú.' },
    criterionScores: {},
    strengths: 'Giáo viên chuẩn bị chu đáo, sử dụng thiết bị hiệu quả.',
    weaknesses: 'Chưa quan tâm đều đến các nhóm.',
    lessonsLearned: 'Học được cách tổ chức thảo luận nhóm theo kỹ thuật khăn trải bàn.',
    rating: 'tot',
    createdAt: `${date}T02:00:00.000Z`,
    updatedAt: `${date}T02:00:00.000Z`,
    ...extra,
  };
}

export function annotation(id: string, targetId: string, text: string, extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    targetTable: 'observations',
    targetId,
    anchor: { kind: 'whole' },
    threadId: null,
    authorUserId: 'u-mentor',
    authorName: 'Lê Thị Cúc',
    text,
    createdAt: '2023-10-20T03:00:00.000Z',
    updatedAt: '2023-10-20T03:00:00.000Z',
    ...extra,
  };
}

export const TOPIC: InnovationTopic = {
  id: 'topic-year-2023',
  schoolYearId: YEAR.id,
  title: 'Vận dụng kỹ thuật khăn trải bàn trong dạy học Toán 8',
  reason: 'Học sinh còn thụ động khi làm việc nhóm.',
  goals: 'Tăng sự tham gia của học sinh trong giờ học.',
  measures: 'Thiết kế phiếu học tập theo nhóm bốn người.',
  milestones: [
    { id: 'm1', due: '2023-10-15', task: 'Thiết kế phiếu học tập', expectedProduct: 'Bộ 10 phiếu', done: true },
    { id: 'm2', due: '2024-03-15', task: 'Dạy thử nghiệm', expectedProduct: 'Biên bản dự giờ', done: false },
  ],
  progressNotes: [
    { id: 'p1', date: '2023-11-02', text: 'Đã dạy thử ở lớp 8A, học sinh hào hứng.', evidence: [] },
    { id: 'p2', date: '2024-03-10', text: 'Dạy thử ở lớp 8B.', evidence: [] },
  ],
  summary: '',
  status: 'inProgress',
  createdAt: AT,
  updatedAt: AT,
};

export const SKKN: Skkn = {
  id: 'skkn-1',
  schoolYearId: YEAR.id,
  outlineId: 'bgd-2023',
  title: 'Một số biện pháp giúp học sinh lớp 8 học tốt hình học',
  authors: [{ name: 'Nguyễn Thị Hoà', contributionPercent: 100 }],
  position: 'Giáo viên',
  department: 'Tổ Khoa học tự nhiên',
  unit: 'Trường THCS Lộc Nga',
  field: 'Toán',
  firstAppliedOn: '2023-10-02',
  sections: [],
  references: [],
  abstract: 'Sáng kiến trình bày năm biện pháp giúp học sinh hứng thú với hình học.',
  innovationTopicId: TOPIC.id,
  status: 'draft',
  createdAt: AT,
  updatedAt: AT,
};

export function confirmation(role: 'toTruong' | 'hieuTruong', name: string, confirmedAt: string, semester: 'HK1' | 'HK2' = 'HK1'): Confirmation {
  return {
    id: `c-${role}-${semester}`,
    schoolYearId: YEAR.id,
    semester,
    authorUserId: `u-${role}`,
    authorName: name,
    authorRole: role,
    remark: 'Sổ ghi chép đầy đủ.',
    logbookRev: 10,
    confirmedAt,
    updatedAt: confirmedAt,
  };
}

export function emptyLogbook(): LogbookInput {
  return {
    settings: SETTINGS,
    profile: PROFILE,
    schoolYear: YEAR,
    entries: [],
    reflections: [],
    observations: [],
    observedLessons: [],
    annotations: [],
    innovationTopic: null,
    skkn: [],
    confirmations: [],
  };
}

/** A small, complete HK I logbook (the golden images and texts). */
export function smallLogbook(): LogbookInput {
  const observed: ObservedLesson = {
    ...observation('obs-2', '2023-11-21', { teacherName: 'Nguyễn Thị Hoà', className: '8A', subject: 'Toán', lessonTitle: 'Hình thang cân', purpose: 'kiemTra', rating: 'kha' }),
    observerUserId: 'u-principal',
    observerName: 'Phạm Văn Dũng',
    sourceScopeId: 'scope-dung',
  };
  return {
    ...emptyLogbook(),
    entries: [
      entry('e1', '2023-09-12', 'Học mô đun GVPT 05: Sử dụng phương pháp dạy học phát triển phẩm chất, năng lực', { bdtxProgram: '03', module: 'GVPT 05', periods: 4, form: 'tap-trung', result: 'Áp dụng kỹ thuật khăn trải bàn ở lớp 8A' }),
      entry('e2', '2023-09-20', 'Sinh hoạt tổ chuyên môn: nghiên cứu bài học', { form: 'sinh-hoat-to', periods: 1.5, bdtxProgram: '01' }),
      entry('e3', '2023-11-05', 'Đọc tài liệu về đánh giá thường xuyên', { bdtxProgram: '02', periods: 3, source: 'Tài liệu của Sở GD&ĐT' }),
    ],
    reflections: [reflection('month', '2023-09', 'Tháng 9 em đã hoàn thành kế hoạch tự học.'), reflection('semester', 'HK1', 'Học kỳ I em đã thực hiện đầy đủ kế hoạch bồi dưỡng.')],
    observations: [observation('obs-1', '2023-10-18')],
    observedLessons: [observed],
    annotations: [
      annotation('a1', 'obs-1', 'Cần ghi rõ hơn hoạt động của học sinh.'),
      annotation('a2', 'obs-1', 'Em đã bổ sung, cảm ơn cô.', { threadId: 'a1', authorUserId: 'u-hoa', authorName: 'Nguyễn Thị Hoà', createdAt: '2023-10-21T03:00:00.000Z' }),
    ],
    innovationTopic: TOPIC,
    skkn: [SKKN],
    confirmations: [confirmation('toTruong', 'Lê Thị Cúc', '2024-01-05T02:00:00.000Z')],
  };
}

const SENTENCES = [
  'Nghiên cứu chương trình giáo dục phổ thông 2018 môn Toán, xác định yêu cầu cần đạt của từng bài.',
  'Thiết kế kế hoạch bài dạy theo Công văn 5512, chú trọng hoạt động của học sinh.',
  'Tìm hiểu kỹ thuật dạy học tích cực: khăn trải bàn, mảnh ghép, sơ đồ tư duy.',
  'Trao đổi với đồng nghiệp về cách đánh giá thường xuyên bằng nhận xét.',
  'Ứng dụng phần mềm GeoGebra để minh hoạ các hình không gian.',
];

/**
 * A realistic semester for the bench and the size check: `entries` entries over HK I,
 * `observations` observations each with two annotations, the topic and the SKKN summary.
 */
export function largeLogbook(entries = 300, observations = 20): LogbookInput {
  const base = emptyLogbook();
  const days: string[] = [];
  for (let d = new Date(Date.UTC(2023, 8, 5)); d <= new Date(Date.UTC(2024, 0, 14)); d.setUTCDate(d.getUTCDate() + 1)) days.push(d.toISOString().slice(0, 10));
  const list: Entry[] = [];
  for (let i = 0; i < entries; i++) {
    const date = days[Math.floor((i * days.length) / entries)]!;
    const program = (['01', '02', '03', null] as const)[i % 4]!;
    list.push(
      entry(`e${i}`, date, `${SENTENCES[i % SENTENCES.length]} ${SENTENCES[(i + 2) % SENTENCES.length]}`, {
        bdtxProgram: program,
        module: program === '03' ? `GVPT ${String((i % 15) + 1).padStart(2, '0')}` : null,
        periods: (i % 4) + 1,
        form: (['tu-hoc', 'sinh-hoat-to', 'tap-trung', 'chuyen-de'] as const)[i % 4],
        result: i % 3 === 0 ? 'Vận dụng vào tiết dạy lớp 8A, học sinh tích cực hơn.' : '',
      }),
    );
  }
  const obs: Observation[] = [];
  const notes: Annotation[] = [];
  for (let i = 0; i < observations; i++) {
    const id = `obs-${i}`;
    obs.push(observation(id, days[10 + i * 6]!, { lessonTitle: `Bài ${i + 1}: ${SENTENCES[i % SENTENCES.length]!.slice(0, 40)}` }));
    notes.push(annotation(`a-${i}-1`, id, 'Tiết dạy tốt; cần chú ý hơn đến học sinh yếu.'), annotation(`a-${i}-2`, id, 'Em cảm ơn cô, em sẽ điều chỉnh.', { threadId: `a-${i}-1`, authorName: 'Nguyễn Thị Hoà' }));
  }
  const months = ['2023-09', '2023-10', '2023-11', '2023-12', '2024-01'];
  return {
    ...base,
    entries: list,
    reflections: [...months.map((m) => reflection('month', m, SENTENCES.join(' '))), reflection('semester', 'HK1', SENTENCES.join(' ').repeat(3))],
    observations: obs,
    annotations: notes,
    innovationTopic: TOPIC,
    skkn: [SKKN],
    confirmations: [confirmation('toTruong', 'Lê Thị Cúc', '2024-01-05T02:00:00.000Z'), confirmation('hieuTruong', 'Phạm Văn Dũng', '2024-01-08T02:00:00.000Z')],
  };
}
