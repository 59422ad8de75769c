import { findOutline } from '../domain/catalogs/skknOutlines.ts';
import type { Mutation } from '../sync/protocol.ts';

/**
 * The demo school's records beyond the logbook entries: observations both ways between the teacher and
 * her mentor, the mentor's note and the teacher's reply, the innovation topic and an SKKN draft — so a
 * visitor sees every screen with real content.
 */
const T = (date: string, time = '15:00') => `${date}T${time}:00.000+07:00`;

type Put = (table: Mutation['table'], recordId: string, fields: Record<string, unknown>) => Mutation;

const observation = (fields: Record<string, unknown>) => ({
  schoolYearId: 'demo-2024',
  observers: '',
  rubricId: 'khung-3x4',
  rubricVersion: 1,
  criterionScores: {},
  rating: null,
  ...fields,
});

/** Lan's observation of Hoa's lesson (mirrored into Hoa's logbook), and her SKKN and topic. */
export function lanRecords(put: Put, hoaUserId: string): Mutation[] {
  const outline = findOutline('chung-2024')!;
  const sectionIds = outline.sections.map((_, i) => `demo-skkn-section-${String(i + 1).padStart(2, '0')}`);
  const sectionText: Record<number, string> = {
    1: '<p>Nhiều học sinh lớp 9 của trường còn ngại trình bày lời giải trước lớp; khi học hình học các em thường chỉ chép lại lời giải của bạn.</p><p>Qua dự giờ và sinh hoạt tổ, tôi thấy cần một cách tổ chức hoạt động nhóm giúp mọi em đều phải nói và viết.</p>',
    2: '<p>Giúp học sinh lớp 9A1 chủ động trình bày lời giải bài toán hình học, tăng số em đạt điểm khá, giỏi ở bài kiểm tra chương.</p>',
    9: '<p>Khảo sát đầu năm: 12/38 học sinh tự trình bày được lời giải đầy đủ; 20/38 em chỉ làm được phần tính toán.</p><table><tr><th>Mức</th><th>Số em</th></tr><tr><td>Trình bày đầy đủ</td><td>12</td></tr><tr><td>Chỉ tính toán</td><td>20</td></tr><tr><td>Chưa làm được</td><td>6</td></tr></table>',
    10: '<h3>Giải pháp 1: Phiếu học tập theo vai</h3><p>Mỗi nhóm 4 em nhận 4 vai: <strong>người vẽ hình</strong>, <strong>người lập luận</strong>, <strong>người viết</strong>, <strong>người kiểm tra</strong>; các vai đổi sau mỗi bài.</p><ul><li>Phiếu có khung gợi ý các bước chứng minh.</li><li>Giáo viên chọn ngẫu nhiên một em trình bày.</li></ul>',
  };
  return [
    put('observations', 'demo-obs-lan-01', observation({
      date: '2024-09-28',
      lessonPeriod: '3',
      className: '8A2',
      subject: 'Toán',
      lessonTitle: 'Hình thang cân',
      teacherUserId: hoaUserId,
      teacherName: 'Trần Thị Hoa',
      observers: 'Nguyễn Thị Lan, Phạm Văn Minh',
      purpose: 'kemCap',
      timeline: [
        { id: 'demo-row-1', time: '7:15', activity: 'Khởi động: trò chơi "Ai nhanh hơn" nhận dạng hình thang', note: 'Cả lớp tham gia sôi nổi.' },
        { id: 'demo-row-2', time: '7:22', activity: 'Hình thành kiến thức: nhóm 4 em gấp giấy phát hiện tính chất hình thang cân', note: 'Phiếu học tập rõ ràng; 2 nhóm cần hỗ trợ.' },
        { id: 'demo-row-3', time: '7:45', activity: 'Luyện tập: 3 bài tập trên phiếu', note: 'Thiếu thời gian cho bài 3.' },
      ],
      criterionComments: {
        '1.2': 'Nhiệm vụ của từng hoạt động rõ ràng, có sản phẩm cụ thể.',
        '2.2': 'Cô quan sát và phát hiện kịp thời nhóm gặp khó khăn.',
        '3.2': 'Học sinh hợp tác tốt khi gấp giấy.',
      },
      strengths: 'Tổ chức hoạt động nhóm hiệu quả; phiếu học tập được thiết kế tốt.',
      weaknesses: 'Phân bố thời gian phần luyện tập chưa hợp lí.',
      lessonsLearned: 'Áp dụng cách gấp giấy cho bài "Hình bình hành" ở lớp 8A1; dành 15 phút cho luyện tập.',
      createdAt: T('2024-09-28', '08:30'),
      updatedAt: T('2024-09-28', '08:30'),
    })),
    put('innovationTopics', 'topic-demo-2024', {
      schoolYearId: 'demo-2024',
      title: 'Tổ chức hoạt động nhóm theo vai trong dạy học hình học lớp 9',
      reason: 'Học sinh ngại trình bày lời giải; hoạt động nhóm thường chỉ một vài em làm.',
      goals: 'Mọi học sinh đều trình bày được ít nhất một bước chứng minh trong mỗi tiết hình học.',
      measures: 'Phiếu học tập theo vai; luân phiên vai; gọi ngẫu nhiên người trình bày; đánh giá bằng bảng kiểm.',
      milestones: [
        { id: 'demo-ms-1', due: '2024-10-15', task: 'Thiết kế phiếu học tập theo vai cho chương I', expectedProduct: '6 phiếu học tập', done: true },
        { id: 'demo-ms-2', due: '2024-12-15', task: 'Áp dụng ở lớp 9A1 và khảo sát giữa kỳ', expectedProduct: 'Bảng số liệu khảo sát', done: false },
        { id: 'demo-ms-3', due: '2025-04-30', task: 'Tổng kết, viết SKKN', expectedProduct: 'Bản SKKN', done: false },
      ],
      progressNotes: [
        { id: 'demo-note-1', date: '2024-10-12', text: 'Đã dùng phiếu theo vai trong bài "Hệ hai phương trình"; học sinh yếu tham gia nhiều hơn.', evidence: [{ table: 'entries', id: 'demo-entry-06' }] },
      ],
      summary: '',
      status: 'inProgress',
      createdAt: T('2024-09-20'),
      updatedAt: T('2024-10-12'),
    }),
    put('skkn', 'demo-skkn-1', {
      schoolYearId: 'demo-2024',
      outlineId: outline.id,
      title: 'Một số biện pháp tổ chức hoạt động nhóm theo vai trong dạy học hình học lớp 9',
      authors: [{ name: 'Nguyễn Thị Lan', contributionPercent: 100 }],
      position: 'Giáo viên',
      department: 'Toán - Tin',
      unit: 'Trường THCS Hoà Bình',
      field: 'Toán học',
      firstAppliedOn: '2024-10-07',
      sections: outline.sections.map((section, i) => ({ id: sectionIds[i], title: section.title, level: section.level, numbered: section.numbered })),
      references: [
        { id: 'demo-ref-1', authors: 'Bộ Giáo dục và Đào tạo', year: '2018', title: 'Chương trình giáo dục phổ thông môn Toán', publisher: 'Hà Nội', url: '' },
      ],
      abstract: 'Đề tài trình bày cách tổ chức hoạt động nhóm theo vai giúp mọi học sinh lớp 9 đều tham gia trình bày lời giải hình học.',
      innovationTopicId: 'topic-demo-2024',
      status: 'draft',
      createdAt: T('2024-10-20'),
      updatedAt: T('2024-11-02'),
    }),
    ...sectionIds.map((id, i) => put('skknSections', id, { skknId: 'demo-skkn-1', content: sectionText[i] ?? '', notes: i === 9 ? 'Bổ sung số liệu khảo sát giữa kỳ.' : '', updatedAt: T('2024-11-02') })),
  ];
}

/** Hoa (the mentor) observed Lan's lesson: in Hoa's logbook, mirrored into Lan's. */
export function hoaRecords(put: Put, lanUserId: string): Mutation[] {
  return [
    put('observations', 'demo-obs-hoa-01', observation({
      date: '2024-10-17',
      lessonPeriod: '2',
      className: '9A1',
      subject: 'Toán',
      lessonTitle: 'Hệ hai phương trình bậc nhất hai ẩn',
      teacherUserId: lanUserId,
      teacherName: 'Nguyễn Thị Lan',
      observers: 'Trần Thị Hoa',
      purpose: 'kemCap',
      timeline: [
        { id: 'demo-row-h1', time: '8:05', activity: 'Kiểm tra bài cũ bằng phiếu trắc nghiệm', note: 'Nhanh, đủ cả lớp.' },
        { id: 'demo-row-h2', time: '8:12', activity: 'Nhóm theo vai giải bài toán thực tế', note: 'Người kiểm tra của nhóm 3 chưa rõ nhiệm vụ.' },
        { id: 'demo-row-h3', time: '8:40', activity: 'Trình bày và nhận xét chéo', note: '' },
      ],
      criterionComments: { '2.1': 'Chuyển giao nhiệm vụ rõ, có ví dụ mẫu.', '3.3': 'Học sinh trình bày tự tin hơn tháng trước.' },
      strengths: 'Phiếu theo vai giúp học sinh yếu tham gia.',
      weaknesses: 'Chưa chốt kiến thức sau phần trình bày.',
      lessonsLearned: 'Dành 3 phút cuối chốt kiến thức bằng sơ đồ.',
      createdAt: T('2024-10-17', '09:00'),
      updatedAt: T('2024-10-17', '09:00'),
    })),
  ];
}

/** The mentor's note on Lan's observation sheet (in Lan's logbook, authored by Hoa). */
export function mentorNote(put: Put, hoa: { id: string; fullName: string }): Mutation {
  return put('annotations', 'demo-note-mentor-1', {
    targetTable: 'observations',
    targetId: 'demo-obs-lan-01',
    anchor: { kind: 'timelineRow', rowId: 'demo-row-3' },
    threadId: null,
    authorUserId: hoa.id,
    authorName: hoa.fullName,
    text: 'Em ghi rất đúng chỗ thiếu thời gian. Lần sau em thử ghi cả số học sinh làm xong bài 2 để so sánh nhé.',
    createdAt: T('2024-09-29', '20:00'),
    updatedAt: T('2024-09-29', '20:00'),
  });
}

export function lanReply(put: Put, lan: { id: string; fullName: string }): Mutation {
  return put('annotations', 'demo-note-reply-1', {
    targetTable: 'observations',
    targetId: 'demo-obs-lan-01',
    anchor: { kind: 'timelineRow', rowId: 'demo-row-3' },
    threadId: 'demo-note-mentor-1',
    authorUserId: lan.id,
    authorName: lan.fullName,
    text: 'Dạ, em sẽ ghi thêm số liệu ở tiết dự giờ sau ạ.',
    createdAt: T('2024-09-30', '07:00'),
    updatedAt: T('2024-09-30', '07:00'),
  });
}
