// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { getSchoolSettings } from '../../../../src/server/store/school.ts';
import { harnessFor } from '../../../server/harness.ts';
import { renderApp } from '../renderApp.tsx';
import { device, injectFetch } from '../sync/helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());
configure({ asyncUtilTimeout: 5000 });

async function asAdmin() {
  const h = await setup();
  const lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan', department: 'Toán' });
  const mai = await h.user('mai', [{ role: 'teacher' }, { role: 'mentor' }], { fullName: 'Lê Thị Mai', department: 'Văn' });
  await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, mai.user.id, lan.user.id);
  const admin = await h.user('quantri', [{ role: 'admin' }], { fullName: 'Đỗ Văn Quản' });
  const { db } = await device(h.app, admin);
  const { fetch } = injectFetch(h.app);
  getSyncController(db, { fetch });
  return { h, lan, mai, ...renderApp('/quan-tri', db) };
}

describe('Quản trị trường: tổ, cặp hướng dẫn, cài đặt, nhật ký', () => {
  it('moves a teacher to another tổ, lists and removes mentor pairs, and logs it all', async () => {
    const { h, user } = await asAdmin();
    const departments = await screen.findByRole('region', { name: 'Tổ chuyên môn' });
    expect(departments).toHaveTextContent('ToánTổ trưởng: chưa cóThành viên (1): Nguyễn Thị Lan');

    const row = screen.getByRole('listitem', { name: /Nguyễn Thị Lan/ });
    await user.click(within(row).getByRole('button', { name: 'Sửa họ tên, tổ' }));
    const form = within(row).getByRole('form', { name: 'Sửa họ tên, tổ' });
    await user.clear(within(form).getByLabelText('Tổ chuyên môn'));
    await user.type(within(form).getByLabelText('Tổ chuyên môn'), 'Văn');
    await user.click(within(form).getByRole('button', { name: 'Lưu' }));
    await waitFor(() => expect(departments).toHaveTextContent('VănTổ trưởng: chưa cóThành viên (2): Lê Thị Mai, Nguyễn Thị Lan'));
    expect((await accounts.findUserByUsername(h.app.sbd.ctx, 'lan'))!.department).toBe('Văn');

    const pairs = screen.getByRole('region', { name: 'Cặp hướng dẫn' });
    expect(await within(pairs).findByText('Lê Thị Mai → Nguyễn Thị Lan')).toBeInTheDocument();
    await user.click(within(pairs).getByRole('button', { name: 'Bỏ cặp Lê Thị Mai hướng dẫn Nguyễn Thị Lan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Bỏ cặp hướng dẫn?', hidden: true });
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ cặp', hidden: true }));
    expect(await within(pairs).findByText('Chưa có cặp hướng dẫn nào.')).toBeInTheDocument();

    const log = screen.getByRole('region', { name: 'Nhật ký hoạt động' });
    await user.selectOptions(within(log).getByLabelText('Hoạt động'), 'Bỏ cặp hướng dẫn');
    await user.click(within(log).getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(within(log).getAllByRole('row')).toHaveLength(2));
    expect(within(log).getAllByRole('row')[1]).toHaveTextContent('Bỏ cặp hướng dẫnĐỗ Văn QuảnNguyễn Thị LanNgười hướng dẫn: Lê Thị Mai');
    await user.selectOptions(within(log).getByLabelText('Hoạt động'), 'Sửa thông tin');
    await user.click(within(log).getByRole('button', { name: 'Lọc' }));
    await waitFor(() => expect(within(log).getAllByRole('row')[1]).toHaveTextContent('Tổ: Toán → Văn'));
  });

  it('saves the school settings with errors next to the field, and the server keeps them', async () => {
    const { h, user } = await asAdmin();
    const panel = await screen.findByRole('region', { name: 'Cài đặt của trường' });
    const form = await within(panel).findByRole('form', { name: 'Cài đặt của trường' });
    await user.type(within(form).getByLabelText('Cơ quan chủ quản'), 'PHÒNG GD&ĐT HUYỆN LỘC HÀ');
    await user.type(within(form).getByLabelText('Địa danh ghi ngày tháng'), 'Lộc Nga');
    const observations = within(form).getByLabelText('Số tiết dự giờ');
    await user.clear(observations);
    await user.type(observations, 'nhiều');
    const kha = within(form).getByLabelText('Khá từ');
    await user.clear(kha);
    await user.type(kha, '13,5');
    await user.click(within(form).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(observations).toHaveAccessibleDescription('Giá trị không hợp lệ.');
    expect(observations).toHaveAttribute('aria-invalid', 'true');

    await user.clear(observations);
    await user.type(observations, '6');
    await user.click(within(form).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText(/Đã lưu cài đặt của trường/)).toBeInTheDocument();
    const stored = await getSchoolSettings(h.app.sbd.ctx, h.schoolId);
    expect(stored).toMatchObject({ governingBody: 'PHÒNG GD&ĐT HUYỆN LỘC HÀ', placeName: 'Lộc Nga', minObservationsPerSemester: 6, ratingThresholds: { gioi: 18, kha: 13.5, trungBinh: 10 } });
    expect(observations).not.toHaveAttribute('aria-invalid');
  });
});
