import type { z } from 'zod';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../sync/protocol.ts';

/** An error answered as `{error: {code, message}}` with the status of its code. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.status = ERROR_CODES[code];
  }

  body(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}

export const MESSAGES = {
  unauthorized: 'Phiên đăng nhập đã hết hạn hoặc không hợp lệ. Hãy đăng nhập lại.',
  badLogin: 'Sai tên đăng nhập hoặc mật khẩu.',
  badActivation: 'Mã kích hoạt không đúng hoặc đã hết hạn. Hãy xin quản trị viên mã mới.',
  disabled: 'Tài khoản đã bị khoá. Hãy liên hệ quản trị viên của trường.',
  forbidden: 'Bạn không có quyền thực hiện thao tác này.',
  notFound: 'Không tìm thấy.',
  invalid: 'Dữ liệu gửi lên không hợp lệ.',
  tooLarge: 'Dữ liệu gửi lên quá lớn.',
  clientTooOld: 'Ứng dụng trên máy này đã cũ. Hãy tải lại trang (hoặc mở lại ứng dụng) để cập nhật rồi đồng bộ lại. Dữ liệu chưa đồng bộ vẫn được giữ.',
  serverTooOld: 'Máy chủ trường đang chạy phiên bản cũ hơn ứng dụng. Hãy báo quản trị viên cập nhật máy chủ. Dữ liệu chưa đồng bộ vẫn được giữ trên máy.',
  usernameTaken: 'Tên đăng nhập này đã có người dùng.',
  internal: 'Máy chủ gặp lỗi. Hãy thử lại sau ít phút.',
  rateLimited: (minutes: number) => `Đăng nhập sai quá nhiều lần. Thử lại sau ${minutes} phút.`,
} as const;

export function invalid(error: z.ZodError): ApiError {
  return new ApiError('invalid_request', MESSAGES.invalid, {
    issues: error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
