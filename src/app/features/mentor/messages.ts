import type { LazyMessages } from '../../i18n/lazyMessages.ts';

/** Messages of the mentor screens ("Người được kèm cặp"), registered when they load. */
export const mentorVi = {
  title: 'Người được kèm cặp',
  intro: 'Giáo viên bạn được phân công kèm cặp trong năm học này. Dữ liệu là bản đã đồng bộ gần nhất, xem được cả khi không có mạng.',
  none: 'Bạn chưa được phân công kèm cặp giáo viên nào, hoặc máy chưa đồng bộ lần nào. Hãy kết nối tài khoản trường trong Cài đặt.',
  observationsThisSemester: 'Tiết dự học kỳ này: {{count}}',
  waitingForMe: 'Chờ bạn trả lời: {{count}}',
  waitingForThem: 'Chờ người được kèm trả lời: {{count}}',
  unreadReplies: '{{count}} trả lời mới',
  lastSync: 'Đồng bộ lần cuối: {{time}}',
  neverSynced: 'Chưa đồng bộ lần nào',
  open: 'Xem phiếu dự giờ của {{name}}',
  menteeTitle: 'Phiếu dự giờ của {{name}}',
  wrote: 'Tiết {{name}} dự',
  about: 'Tiết {{name}} dạy được dự',
  empty: 'Chưa có phiếu dự giờ nào.',
  readOnly: 'Bạn chỉ xem phiếu này; góp ý bằng ghi chú trên cả phiếu, một tiêu chí hoặc một dòng tiến trình.',
  notReadable: 'Không mở được sổ này: bạn không còn được phân công kèm cặp, hoặc máy chưa đồng bộ.',
  back: 'Về danh sách người được kèm cặp',
  backToMentee: 'Về các phiếu của {{name}}',
};

export const mentorEn: LazyMessages<typeof mentorVi> = {
  title: 'My mentees',
  intro: 'Teachers you are assigned to mentor this school year. The data is the last synced copy, readable offline.',
  none: 'You mentor nobody yet, or this device has never synced. Connect your school account in Settings.',
  observationsThisSemester: 'Observations this semester: {{count}}',
  waitingForMe: 'Waiting for your reply: {{count}}',
  waitingForThem: 'Waiting for the mentee’s reply: {{count}}',
  unreadReplies: '{{count}} new replies',
  lastSync: 'Last synced: {{time}}',
  neverSynced: 'Never synced',
  open: 'Open the observations of {{name}}',
  menteeTitle: 'Observations of {{name}}',
  wrote: 'Lessons {{name}} observed',
  about: 'Lessons of {{name}} observed',
  empty: 'No observations yet.',
  readOnly: 'You read this observation; comment with notes on the whole, a criterion or a timeline row.',
  notReadable: 'This logbook cannot be opened: you no longer mentor this teacher, or this device has not synced.',
  back: 'Back to my mentees',
  backToMentee: 'Back to the observations of {{name}}',
};
