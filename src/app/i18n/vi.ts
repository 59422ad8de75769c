/** Vietnamese strings: the source of truth for keys. en.ts must have the same shape (checked by the type). */
export const vi = {
  app: { name: 'Sổ Bồi Dưỡng' },
  nav: { home: 'Trang chủ', month: 'Tháng', semester: 'Học kỳ', search: 'Tìm kiếm', settings: 'Cài đặt', newEntry: 'Ghi mới' },
  errors: {
    invalid: 'Giá trị không hợp lệ.',
    notFound: 'Không tìm thấy.',
    tooLong: 'Nội dung quá dài.',
    dateRequired: 'Hãy chọn ngày.',
    dateInvalid: 'Ngày không hợp lệ (dd/mm/yyyy).',
    contentRequired: 'Hãy nhập nội dung bồi dưỡng.',
    formRequired: 'Hãy chọn hình thức.',
    periodsNotNumber: 'Số tiết phải là một số.',
    periodsPositive: 'Số tiết phải lớn hơn 0.',
    periodsTooMany: 'Một lần ghi tối đa 12 tiết.',
    periodsStep: 'Số tiết làm tròn tới 0,25.',
    moduleRequired: 'Chương trình 03 cần chọn mô đun GVPT.',
    hk1Order: 'Ngày kết thúc Học kỳ I phải sau ngày bắt đầu.',
    hk2Order: 'Ngày kết thúc Học kỳ II phải sau ngày bắt đầu.',
    semesterOverlap: 'Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc.',
  },
  storageErrors: {
    quota: 'Bộ nhớ của trình duyệt đã đầy nên chưa lưu được. Hãy sao lưu rồi xoá bớt dữ liệu của trang khác.',
    closed: 'Không mở được kho dữ liệu trên máy. Hãy tải lại trang; nội dung bạn đang gõ vẫn còn trên màn hình.',
    version: 'Dữ liệu trên máy thuộc phiên bản mới hơn. Hãy tải lại trang để cập nhật ứng dụng.',
    unknown: 'Chưa lưu được vào máy. Nội dung bạn gõ vẫn còn trên màn hình, hãy thử lại.',
  },
  backup: {
    notJson: 'Tệp này không phải tệp sao lưu JSON hợp lệ. Dữ liệu hiện có không thay đổi.',
    foreign: 'Tệp này không phải bản sao lưu của Sổ Bồi Dưỡng. Dữ liệu hiện có không thay đổi.',
    tooNew: 'Bản sao lưu được tạo bởi phiên bản mới hơn. Hãy cập nhật ứng dụng rồi thử lại.',
    damaged: 'Tệp sao lưu bị hỏng hoặc thiếu dữ liệu. Dữ liệu hiện có không thay đổi.',
  },
};

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
