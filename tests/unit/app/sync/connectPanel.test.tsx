// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProvider } from '../../../../src/app/db/DatabaseContext.tsx';
import { saveEntry } from '../../../../src/app/db/entries.ts';
import { ConnectPanel } from '../../../../src/app/features/sync/ConnectPanel.tsx';
import { initI18n } from '../../../../src/app/i18n/i18n.ts';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import { harnessFor, PASSWORD } from '../../../server/harness.ts';
import { input } from '../db/helpers.ts';
import { freshDb, injectFetch, SERVER_URL } from './helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());

async function renderPanel() {
  const h = await setup();
  await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
  const db = freshDb();
  const { fetch } = injectFetch(h.app);
  const controller = getSyncController(db, { fetch });
  initI18n('vi');
  const user = userEvent.setup();
  render(
    <DatabaseProvider db={db}>
      <ConnectPanel />
    </DatabaseProvider>,
  );
  const form = await screen.findByRole('form', { name: 'Kết nối máy chủ trường' });
  return { h, db, controller, user, form };
}

async function fill(user: ReturnType<typeof userEvent.setup>, form: HTMLElement, values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    const field = within(form).getByLabelText(label);
    await user.clear(field);
    if (value) await user.type(field, value);
  }
}

describe('Kết nối máy chủ trường', () => {
  it('shows the server error next to the form, then connects and uploads what is on the phone', async () => {
    const { db, controller, user, form } = await renderPanel();
    await saveEntry(db, input({ content: 'Ghi trước khi kết nối' }));
    await fill(user, form, { 'Địa chỉ máy chủ': SERVER_URL, 'Tên đăng nhập': 'lan', 'Mật khẩu': 'sai-mat-khau' });
    await user.click(within(form).getByRole('button', { name: 'Kết nối' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Sai tên đăng nhập hoặc mật khẩu.');

    await fill(user, form, { 'Mật khẩu': PASSWORD });
    await user.click(within(form).getByRole('button', { name: 'Kết nối' }));
    expect(await screen.findByText('Trường: THCS Thử Nghiệm')).toBeInTheDocument();
    expect(screen.getByText('Tài khoản: Nguyễn Thị Lan (lan)')).toBeInTheDocument();
    await controller.syncNow();
    await waitFor(() => expect(screen.getByText('Đã đồng bộ')).toBeInTheDocument());
    expect(await db.outbox.count()).toBe(0);
  });

  it('checks fields before sending: required fields and an activation password of at least 8 characters', async () => {
    const { user, form } = await renderPanel();
    await fill(user, form, { 'Địa chỉ máy chủ': '', 'Tên đăng nhập': '' });
    await user.click(within(form).getByRole('button', { name: 'Kết nối' }));
    expect(within(form).getByLabelText('Tên đăng nhập')).toHaveAccessibleDescription('Hãy nhập thông tin này.');
    expect(within(form).getByLabelText('Mật khẩu')).toHaveAttribute('aria-invalid', 'true');

    await user.click(screen.getByRole('button', { name: /Kích hoạt tài khoản bằng mã/ }));
    const activation = screen.getByRole('form', { name: 'Kích hoạt tài khoản' });
    await fill(user, activation, { 'Địa chỉ máy chủ': SERVER_URL, 'Tên đăng nhập': 'lan', 'Mã kích hoạt (một lần)': 'ABC', 'Mật khẩu mới': 'ngan' });
    await user.click(within(activation).getByRole('button', { name: 'Kích hoạt và đăng nhập' }));
    expect(within(activation).getByLabelText('Mật khẩu mới')).toHaveAccessibleDescription(/Mật khẩu cần ít nhất 8 ký tự./);

    // A wrong code is refused by the server, in its words.
    await fill(user, activation, { 'Mật khẩu mới': 'mat-khau-moi-du-dai' });
    await user.click(within(activation).getByRole('button', { name: 'Kích hoạt và đăng nhập' }));
    expect(await within(activation).findByRole('alert')).toHaveTextContent(/mã kích hoạt/i);
  });

  it('logout with unsynced edits asks first and keeps them', async () => {
    const { db, controller, user, form } = await renderPanel();
    await fill(user, form, { 'Địa chỉ máy chủ': SERVER_URL, 'Tên đăng nhập': 'lan', 'Mật khẩu': PASSWORD });
    await user.click(within(form).getByRole('button', { name: 'Kết nối' }));
    await screen.findByText('Trường: THCS Thử Nghiệm');
    await controller.syncNow();
    await saveEntry(db, input({ content: 'Chưa đồng bộ' }));
    await controller.refresh();
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    const dialog = await screen.findByRole('dialog', { hidden: true });
    expect(dialog).toHaveTextContent(/vẫn nằm trên máy này/);
    await user.click(within(dialog).getByRole('button', { name: 'Vẫn đăng xuất', hidden: true }));
    expect(await screen.findByText('Đã đăng xuất. Dữ liệu trên máy này được giữ nguyên.')).toBeInTheDocument();
    expect(await db.outbox.count()).toBeGreaterThan(0);
    expect(controller.getSnapshot().connection).toBeNull();
  });
});
