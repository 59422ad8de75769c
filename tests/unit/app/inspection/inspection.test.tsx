// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import type { Mutation } from '../../../../src/sync/protocol.ts';
import { entry, harnessFor, T } from '../../../server/harness.ts';
import { renderApp } from '../renderApp.tsx';
import { device, injectFetch } from '../sync/helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());
configure({ asyncUtilTimeout: 5000 });

const YEAR = 'nam-hoc-2024';

/** A tổ Toán with Lan (on track in program 01 only) and Bình (nothing yet); Hà is its tổ trưởng. */
async function school() {
  const h = await setup();
  const lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan', department: 'Toán' });
  const binh = await h.user('binh', [{ role: 'teacher' }], { fullName: 'Trần Văn Bình', department: 'Toán' });
  const ha = await h.user('ha', [{ role: 'leader', department: 'Toán' }], { fullName: 'Phạm Thu Hà', department: 'Toán' });
  let next = 0;
  const put = (id: string, fields: Record<string, unknown>): Mutation => ({ mutationId: ++next, scopeId: lan.user.scopeId!, table: 'entries', recordId: id, op: 'put', fields });
  await h.syncAs(lan.token, {
    mutations: [
      put('e1', entry('e1', { schoolYearId: YEAR, content: 'Sinh hoạt chuyên môn tổ Toán', bdtxProgram: '01', periods: 12 })),
      put('e2', entry('e2', { schoolYearId: YEAR, date: '2024-10-02', content: 'Tự học mô đun GVPT 05', bdtxProgram: '01', periods: 10 })),
    ],
  });
  void binh;
  return { h, lan, ha, put };
}

async function asLeader(h: Awaited<ReturnType<typeof setup>>, session: Awaited<ReturnType<Awaited<ReturnType<typeof setup>>['user']>>, path: string) {
  const phone = await device(h.app, session);
  const { fetch, control: network } = injectFetch(h.app);
  const controller = getSyncController(phone.db, { fetch });
  return { phone, network, sync: () => controller.syncNow(), ...renderApp(path, phone.db) };
}

describe('Kiểm tra hồ sơ', () => {
  it("shows the tổ's teachers for the semester, the ones behind first, sortable, with a chart and its data", async () => {
    const { h, ha } = await school();
    const { user } = await asLeader(h, ha, '/kiem-tra?nam=2024&hk=HK1');
    const table = await screen.findByRole('table', { name: /Giáo viên — Học kỳ I năm học 2024–2025/ });
    const rows = () => within(table).getAllByRole('row').slice(1);
    await waitFor(() => expect(rows()).toHaveLength(2));
    // Both are behind (program 02, 03 and observations); alphabetical within.
    expect(rows()[0]).toHaveTextContent('Nguyễn Thị Lan');
    expect(rows()[0]).toHaveTextContent('22/20');
    expect(rows()[0]).toHaveTextContent('Chưa đạt');
    expect(rows()[0]).toHaveTextContent('Còn thiếu: tiết CT 02, tiết CT 03, số tiết dự giờ');
    expect(rows()[0]).toHaveTextContent('Chưa xác nhận');
    expect(rows()[1]).toHaveTextContent('Trần Văn Bình');
    expect(rows()[1]).toHaveTextContent('Chưa bao giờ');

    await user.click(within(table).getByRole('button', { name: /Tổng tiết/ }));
    expect(within(table).getByRole('columnheader', { name: /Tổng tiết/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(rows()[0]).toHaveTextContent('Trần Văn Bình');
    await user.click(within(table).getByRole('button', { name: /Tổng tiết/ }));
    expect(within(table).getByRole('columnheader', { name: /Tổng tiết/ })).toHaveAttribute('aria-sort', 'descending');
    expect(rows()[0]).toHaveTextContent('Nguyễn Thị Lan');

    const chart = screen.getByRole('region', { name: 'Tiến độ Tổ Toán' });
    const data = within(chart).getByRole('table');
    expect(within(data).getByRole('row', { name: /Toán/ })).toHaveTextContent('Toán20 (0%)0');
  });

  it('opens a logbook read-only from the device, confirms the semester, and flags an edit made after it', async () => {
    const { h, lan, ha, put } = await school();
    const { phone, network, user, sync } = await asLeader(h, ha, '/kiem-tra?nam=2024&hk=HK1');
    // The leader's device pulls the tổ's logbooks.
    await sync();
    await user.click(await screen.findByRole('link', { name: 'Nguyễn Thị Lan' }));
    expect(await screen.findByRole('heading', { name: 'Sổ của Nguyễn Thị Lan', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Chỉ xem: lãnh đạo không sửa được sổ của giáo viên.')).toBeInTheDocument();
    const entries = await screen.findByRole('region', { name: 'Các mục tự học, bồi dưỡng (2)' });
    expect(entries).toHaveTextContent('Sinh hoạt chuyên môn tổ Toán');
    expect(screen.getByText('Tổng: 22 tiết')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Sửa/ })).toBeNull();

    const confirm = screen.getByRole('form', { name: 'Xác nhận học kỳ' });
    await user.type(within(confirm).getByLabelText('Nhận xét'), 'Ghi chép đầy đủ, đúng tiến độ.');
    await user.click(within(confirm).getByRole('button', { name: 'Xác nhận học kỳ' }));
    expect(await screen.findByText(/Tổ trưởng Phạm Thu Hà xác nhận ngày/)).toBeInTheDocument();
    await sync();

    // Lan edits an entry after the confirmation.
    await h.syncAs(lan.token, { mutations: [{ ...put('e2', { periods: 4, updatedAt: T }), mutationId: 50 }] });
    cleanup();
    renderApp(`/kiem-tra/${lan.user.scopeId}?nam=2024&hk=HK1`, phone.db);
    const flag = await screen.findByRole('group', { name: 'Đã sửa sau khi xác nhận: 1 bản ghi' });
    expect(flag).toHaveTextContent('Mục ghi · 02/10/2024 · Tự học mô đun GVPT 05');

    cleanup();
    renderApp('/kiem-tra?nam=2024&hk=HK1', phone.db);
    // The overview refreshes on opening (it may first show the last answer).
    await waitFor(() => expect(screen.getByRole('row', { name: /Nguyễn Thị Lan/ })).toHaveTextContent('Đã sửa sau khi xác nhận'));

    // Offline: no overview, but the synced logbooks still open from the device. The network is down
    // too, not only navigator.onLine: the sync controller tries ~2 s after a write whatever the hint says.
    cleanup();
    network.down = true;
    const online = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const offline = renderApp('/kiem-tra?nam=2024&hk=HK1', phone.db);
      expect(await screen.findByText(/Đang không có mạng/)).toBeInTheDocument();
      const list = await screen.findByRole('region', { name: 'Sổ đã đồng bộ trên máy này' });
      await offline.user.click(within(list).getByRole('link', { name: 'Nguyễn Thị Lan' }));
      expect(await screen.findByText('Sinh hoạt chuyên môn tổ Toán')).toBeInTheDocument();
      expect(screen.getByText('Cần có mạng để kiểm tra các thay đổi sau khi xác nhận.')).toBeInTheDocument();
      // Withdrawing works offline too: asked first, then queued for the server.
      await offline.user.click(screen.getByRole('button', { name: 'Huỷ xác nhận của tôi' }));
      const dialog = await screen.findByRole('dialog', { name: 'Huỷ xác nhận học kỳ này?', hidden: true });
      await offline.user.click(within(dialog).getByRole('button', { name: 'Huỷ xác nhận của tôi', hidden: true }));
      expect(await screen.findByText('Học kỳ này chưa được xác nhận.')).toBeInTheDocument();
      expect((await phone.db.outbox.toArray()).filter((r) => r.table === 'confirmations')).toEqual([expect.objectContaining({ op: 'delete', scopeId: lan.user.scopeId })]);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (online) Object.defineProperty(Navigator.prototype, 'onLine', online);
      network.down = false;
    }
    // Back online, the queued withdrawal reaches the server.
    await sync();
    expect((await phone.db.outbox.toArray()).filter((r) => r.table === 'confirmations')).toEqual([]);
    // Two devices, four screens and the in-process server on two shared cores.
  }, 60_000);
});
