// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../../../src/app/i18n/i18n.ts';
import { ServerApi } from '../../../../src/app/sync/api.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import type { SessionResponse } from '../../../../src/sync/protocol.ts';
import { harnessFor, PASSWORD } from '../../../server/harness.ts';
import { renderApp } from '../renderApp.tsx';
import { device, freshDb, injectFetch, SERVER_URL } from '../sync/helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());
// Lazy screens and the in-process server share two cores with other suites.
configure({ asyncUtilTimeout: 5000 });

/** The admin's phone, connected to the real server (in-process), showing `path`. */
async function asAdmin(path = '/quan-tri', before?: (h: Awaited<ReturnType<typeof setup>>) => Promise<void>) {
  const h = await setup();
  await before?.(h);
  const session = await h.user('hieu', [{ role: 'admin' }, { role: 'leader', department: '' }], { fullName: 'Trần Văn Hiếu' });
  const { db } = await device(h.app, session);
  const { fetch } = injectFetch(h.app);
  getSyncController(db, { fetch });
  const app = renderApp(path, db);
  return { h, fetch, ...app };
}

async function createForm() {
  return screen.findByRole('form', { name: 'Thêm người dùng' });
}

describe('Quản trị trường', () => {
  it('creates a user, shows the one-time activation code (with copy), and that user can activate with it', async () => {
    const { user, fetch } = await asAdmin();
    const form = await createForm();
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'lan');
    await user.type(within(form).getByLabelText('Họ và tên'), 'Nguyễn Thị Lan');
    await user.type(within(form).getByLabelText('Tổ chuyên môn'), 'Toán - Tin');
    expect(within(form).getByRole('checkbox', { name: 'Giáo viên' })).toBeChecked();
    await user.click(within(form).getByRole('checkbox', { name: 'Giáo viên hướng dẫn' }));
    await user.click(within(form).getByRole('button', { name: 'Tạo người dùng' }));

    const codeBox = await screen.findByRole('region', { name: 'Mã kích hoạt của Nguyễn Thị Lan (lan)' });
    expect(codeBox).toHaveFocus();
    expect(codeBox).toHaveTextContent('Mã chỉ hiện một lần.');
    const code = within(codeBox).getByTestId('activation-code').textContent!;
    expect(code.length).toBeGreaterThanOrEqual(8);
    await user.click(within(codeBox).getByRole('button', { name: 'Sao chép mã' }));
    expect(await within(codeBox).findByText('Đã sao chép.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(code);

    // The list now holds her, with her tổ and roles.
    const row = await screen.findByRole('listitem', { name: /Nguyễn Thị Lan/ });
    expect(row).toHaveTextContent('Toán - Tin');
    expect(row).toHaveTextContent('Giáo viên, Giáo viên hướng dẫn');
    expect(row).toHaveTextContent('Đang hoạt động');
    // The form is empty again for the next person.
    expect(within(form).getByLabelText('Tên đăng nhập')).toHaveValue('');

    const session = await new ServerApi(SERVER_URL, fetch).activate('lan', code, 'mat-khau-cua-lan');
    expect(session.user).toMatchObject({ username: 'lan', fullName: 'Nguyễn Thị Lan', department: 'Toán - Tin' });
    expect(session.user.roles.map((r) => r.role).sort()).toEqual(['mentor', 'teacher']);
  });

  it("shows the server's validation error next to the field it is about", async () => {
    const { user } = await asAdmin();
    const form = await createForm();
    await user.type(within(form).getByLabelText('Tên đăng nhập'), 'Cô Lan');
    await user.type(within(form).getByLabelText('Họ và tên'), 'Nguyễn Thị Lan');
    await user.click(within(form).getByRole('button', { name: 'Tạo người dùng' }));
    const field = within(form).getByLabelText('Tên đăng nhập');
    await waitFor(() => expect(field).toHaveAccessibleDescription('Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch.'));
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Họ và tên')).not.toHaveAttribute('aria-invalid');

    // A taken username is the server's word too, next to the same field.
    await user.clear(field);
    await user.type(field, 'hieu');
    await user.click(within(form).getByRole('button', { name: 'Tạo người dùng' }));
    await waitFor(() => expect(field).toHaveAccessibleDescription('Tên đăng nhập này đã có người dùng.'));
    expect(screen.queryByRole('region', { name: /Mã kích hoạt/ })).toBeNull();
  });

  it('resets activation after a confirmation (new code; the old password stops working) and deactivates keeping the account', async () => {
    const { user, fetch } = await asAdmin('/quan-tri', async (h) => void (await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' })));
    const api = new ServerApi(SERVER_URL, fetch);
    const row = await screen.findByRole('listitem', { name: /Nguyễn Thị Lan/ });
    await user.click(within(row).getByRole('button', { name: 'Cấp lại mã kích hoạt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cấp lại mã kích hoạt cho Nguyễn Thị Lan?', hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Cấp mã mới', hidden: true }));
    const codeBox = await screen.findByRole('region', { name: 'Mã kích hoạt của Nguyễn Thị Lan (lan)' });
    const code = within(codeBox).getByTestId('activation-code').textContent!;
    await expect(api.login('lan', PASSWORD)).rejects.toMatchObject({ status: 401 });
    await api.activate('lan', code, 'mat-khau-moi-cua-lan');

    await user.click(within(row).getByRole('button', { name: 'Khoá tài khoản' }));
    const confirm = await screen.findByRole('dialog', { name: 'Khoá tài khoản của Nguyễn Thị Lan?', hidden: true });
    expect(confirm).toHaveTextContent('vẫn được giữ nguyên');
    await user.click(within(confirm).getByRole('button', { name: 'Khoá tài khoản', hidden: true }));
    await waitFor(() => expect(row).toHaveTextContent('Đã khoá'));
    expect(within(row).getByRole('button', { name: 'Mở khoá' })).toBeInTheDocument();
    await expect(api.login('lan', 'mat-khau-moi-cua-lan')).rejects.toMatchObject({ status: 403, code: 'account_disabled' });
  });

  it('changes roles, and pairs a mentor with a teacher (removal asks first); the server follows', async () => {
    let lan!: SessionResponse;
    let mai!: SessionResponse;
    const { user, fetch } = await asAdmin('/quan-tri', async (h) => {
      lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
      mai = await h.user('mai', [{ role: 'teacher' }], { fullName: 'Lê Thị Mai' });
    });
    const api = new ServerApi(SERVER_URL, fetch);
    const maiRow = await screen.findByRole('listitem', { name: /Lê Thị Mai/ });
    await user.click(within(maiRow).getByRole('button', { name: 'Đổi vai trò' }));
    const rolesForm = within(maiRow).getByRole('form', { name: 'Đổi vai trò' });
    await user.click(within(rolesForm).getByRole('checkbox', { name: 'Giáo viên hướng dẫn' }));
    await user.click(within(rolesForm).getByRole('checkbox', { name: 'Lãnh đạo' }));
    await user.type(within(rolesForm).getByLabelText('Lãnh đạo của tổ'), 'Ngữ văn');
    await user.click(within(rolesForm).getByRole('button', { name: 'Lưu vai trò' }));
    await waitFor(() => expect(maiRow).toHaveTextContent('Giáo viên, Giáo viên hướng dẫn, Tổ trưởng Ngữ văn'));
    expect((await api.me(mai.token)).user.roles).toEqual(
      expect.arrayContaining([
        { role: 'mentor', department: '' },
        { role: 'leader', department: 'Ngữ văn' },
      ]),
    );

    const pairs = screen.getByRole('region', { name: 'Cặp hướng dẫn' });
    await user.selectOptions(within(pairs).getByLabelText('Giáo viên hướng dẫn'), 'Lê Thị Mai (mai)');
    await user.selectOptions(within(pairs).getByLabelText('Giáo viên được hướng dẫn'), 'Nguyễn Thị Lan (lan)');
    await user.click(within(pairs).getByRole('button', { name: 'Thêm cặp' }));
    expect(await within(pairs).findByText('Lê Thị Mai → Nguyễn Thị Lan')).toBeInTheDocument();
    const readable = async () => (await api.me(mai.token)).scopes.map((s) => s.scopeId);
    expect(await readable()).toContain(lan.user.scopeId);

    await user.click(within(pairs).getByRole('button', { name: 'Bỏ cặp' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bỏ cặp hướng dẫn?', hidden: true });
    expect(dialog).toHaveTextContent('Lê Thị Mai sẽ không đọc được sổ của Nguyễn Thị Lan nữa từ lần đồng bộ tới. Các ghi chú đã viết vẫn còn trong sổ của Nguyễn Thị Lan.');
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ cặp', hidden: true }));
    await waitFor(() => expect(within(pairs).queryByText('Lê Thị Mai → Nguyễn Thị Lan')).toBeNull());
    expect(await readable()).not.toContain(lan.user.scopeId);
  });

  it('mentor pairs per school year: the current year first, last year’s pairs copied in with one click, past years listed apart', async () => {
    let lan!: SessionResponse;
    let mai!: SessionResponse;
    const { user, fetch } = await asAdmin('/quan-tri', async (h) => {
      lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
      mai = await h.user('mai', [{ role: 'teacher' }, { role: 'mentor' }], { fullName: 'Lê Thị Mai' });
      // Last school year's pair (the server's clock is in 2024–2025).
      await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, mai.user.id, lan.user.id, undefined, 2023);
    });
    const api = new ServerApi(SERVER_URL, fetch);
    const readable = async () => (await api.me(mai.token)).scopes.map((s) => s.scopeId);
    expect(await readable()).not.toContain(lan.user.scopeId);

    const pairs = await screen.findByRole('region', { name: 'Cặp hướng dẫn' });
    const year = within(pairs).getByLabelText('Năm học');
    await waitFor(() => expect(year).toHaveDisplayValue('Năm học 2024–2025 (hiện tại)'));
    expect(await within(pairs).findByText('Chưa có cặp hướng dẫn nào.')).toBeInTheDocument();
    await user.click(within(pairs).getByRole('button', { name: 'Chép các cặp của năm học 2023–2024' }));
    expect(await within(pairs).findByText('Lê Thị Mai → Nguyễn Thị Lan')).toBeInTheDocument();
    expect(await screen.findByText('Đã chép 1 cặp từ năm học 2023–2024 sang 2024–2025.')).toBeInTheDocument();
    expect(await readable()).toContain(lan.user.scopeId);

    await user.selectOptions(year, 'Năm học 2023–2024');
    expect(await within(pairs).findByText('Năm học đã qua: các cặp này không còn cho người hướng dẫn đọc sổ.')).toBeInTheDocument();
    expect(within(pairs).getByRole('heading', { name: 'Các cặp năm học 2023–2024' })).toBeInTheDocument();
    // Removing last year's pair leaves this year's access alone.
    await user.click(await within(pairs).findByRole('button', { name: 'Bỏ cặp Lê Thị Mai hướng dẫn Nguyễn Thị Lan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bỏ cặp hướng dẫn?', hidden: true });
    expect(dialog).toHaveTextContent('Bỏ cặp Lê Thị Mai – Nguyễn Thị Lan của năm học 2023–2024.');
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ cặp', hidden: true }));
    expect(await within(pairs).findByText('Chưa có cặp hướng dẫn nào.')).toBeInTheDocument();
    expect(await readable()).toContain(lan.user.scopeId);
    expect((await api.listMentorships(mai.token).catch((e: { status: number }) => e.status))).toBe(403);
  });

  it('speaks English when chosen (its messages load with the screen, next to the main English ones)', async () => {
    await asAdmin();
    await createForm();
    try {
      await setLanguage('en');
      expect(await screen.findByRole('form', { name: 'Add a user' })).toBeInTheDocument();
      expect(screen.getByRole('heading', { name: 'School administration' })).toBeInTheDocument();
      // The app's own English messages were still loaded (not skipped because the screen added some).
      expect(screen.getByRole('link', { name: 'Settings' })).toBeInTheDocument();
    } finally {
      await setLanguage('vi');
    }
  });

  it('says clearly when it cannot work: not connected, or offline', async () => {
    const db = freshDb();
    renderApp('/quan-tri', db);
    expect(await screen.findByText(/Màn hình quản trị cần kết nối máy chủ trường/)).toBeInTheDocument();
    cleanup();

    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      await asAdmin();
      expect(await screen.findByText(/Đang không có mạng/)).toBeInTheDocument();
      expect(screen.queryByRole('form', { name: 'Thêm người dùng' })).toBeNull();
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (online) Object.defineProperty(Navigator.prototype, 'onLine', online);
    }
  });

  it('is linked from settings only for an admin', async () => {
    await asAdmin('/cai-dat');
    expect(await screen.findByRole('link', { name: /Quản trị trường/ })).toHaveAttribute('href', '/quan-tri');
    cleanup();
    const h = await setup();
    const { db } = await device(h.app, await h.user('lan', [{ role: 'teacher' }]));
    renderApp('/cai-dat', db);
    expect(await screen.findByRole('heading', { name: 'Kết nối máy chủ trường' })).toBeInTheDocument();
    await screen.findByText(/Đã kết nối/);
    expect(screen.queryByRole('link', { name: /Quản trị trường/ })).toBeNull();
  });
});
