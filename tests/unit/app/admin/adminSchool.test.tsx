// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSchoolYearNow } from '../../../../src/app/db/schoolYears.ts';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import { schoolCurrentYear } from '../../../../src/domain/schoolSettings.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { getSchoolSettings } from '../../../../src/server/store/school.ts';
import { harnessFor } from '../../../server/harness.ts';
import { renderApp } from '../renderApp.tsx';
import { device, injectFetch, login, serverRecords } from '../sync/helpers.ts';

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

  it('sets a school year’s semester dates (errors next to the date), and a teacher’s logbook takes them at her next sync', async () => {
    const { h, lan, user } = await asAdmin();
    // The teacher already has the year with the default dates, created offline on her phone.
    const phone = await device(h.app, lan);
    const year = schoolCurrentYear(Date.now(), null);
    await ensureSchoolYearNow(phone.db, year);
    await phone.sync();

    const panel = await screen.findByRole('region', { name: 'Cài đặt của trường' });
    const form = await within(panel).findByRole('form', { name: 'Cài đặt của trường' });
    expect(within(form).getByText('Chưa đặt năm học nào: mỗi giáo viên dùng ngày mặc định hoặc ngày tự đặt.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: `Thêm năm học ${year}–${year + 1}` }));
    const dates = within(form).getByRole('group', { name: `Năm học ${year}–${year + 1}` });
    const set = async (label: string, value: string) => {
      const input = within(dates).getByLabelText(label);
      await user.clear(input);
      await user.type(input, value);
      return input;
    };
    await set('Kết thúc Học kỳ I', `${year + 1}-01-17`);
    const hk2Start = await set('Bắt đầu Học kỳ II', `${year + 1}-01-10`);
    await user.click(within(form).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(hk2Start).toHaveAccessibleDescription('Học kỳ II phải bắt đầu sau khi Học kỳ I kết thúc.');
    expect(hk2Start).toHaveAttribute('aria-invalid', 'true');
    expect((await getSchoolSettings(h.app.sbd.ctx, h.schoolId)).schoolYears).toEqual([]);

    await set('Bắt đầu Học kỳ II', `${year + 1}-01-19`);
    await user.click(within(form).getByRole('button', { name: 'Lưu cài đặt' }));
    expect(await screen.findByText(/Đã lưu cài đặt của trường/)).toBeInTheDocument();
    const wanted = { startYear: year, hk1Start: `${year}-09-05`, hk1End: `${year + 1}-01-17`, hk2Start: `${year + 1}-01-19`, hk2End: `${year + 1}-05-25` };
    expect((await getSchoolSettings(h.app.sbd.ctx, h.schoolId)).schoolYears).toEqual([wanted]);

    // Her next sync brings the settings; her year takes the dates and sends them back for the leaders.
    await phone.sync();
    const { startYear, hk1Start, hk1End, hk2Start: hk2, hk2End } = (await phone.db.schoolYears.where('startYear').equals(year).first())!;
    expect({ startYear, hk1Start, hk1End, hk2Start: hk2, hk2End }).toEqual(wanted);
    await phone.sync();
    const onServer = (await serverRecords(h.app, lan.user.scopeId!)).filter((r) => r.table === 'schoolYears').map((r) => r.data);
    expect(onServer).toEqual([expect.objectContaining(wanted)]);
    // A year she opens later is created with the school's dates too.
    const other = { startYear: year + 1, hk1Start: `${year + 1}-09-04`, hk1End: `${year + 2}-01-16`, hk2Start: `${year + 2}-01-18`, hk2End: `${year + 2}-05-24` };
    await h.app.inject({ method: 'PUT', url: '/api/admin/settings', headers: { authorization: `Bearer ${(await login(h.app, 'quantri')).token}` }, payload: { ...(await getSchoolSettings(h.app.sbd.ctx, h.schoolId)), schoolYears: [wanted, other] } });
    await phone.sync();
    expect((await ensureSchoolYearNow(phone.db, year + 1)).year).toMatchObject(other);

    // In her settings those years show the school's dates, read-only.
    cleanup();
    renderApp('/cai-dat', phone.db);
    const mine = await screen.findByRole('group', { name: `Năm học ${year}–${year + 1}` });
    expect(within(mine).getByLabelText('Kết thúc Học kỳ I')).toHaveValue(`${year + 1}-01-17`);
    await waitFor(() => expect(within(mine).getByLabelText('Kết thúc Học kỳ I')).toHaveAttribute('readonly'));
    expect(within(mine).getByText('Nhà trường đã đặt ngày học kỳ của năm học này; sổ của bạn dùng các ngày đó.')).toBeInTheDocument();
    expect(within(mine).queryByRole('button', { name: 'Lưu ngày học kỳ' })).toBeNull();
  });
});
