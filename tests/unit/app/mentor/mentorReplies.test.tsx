// @vitest-environment jsdom
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { addAnnotation, OWN_PLACE, unreadRepliesIn } from '../../../../src/app/db/annotations.ts';
import { getSyncController } from '../../../../src/app/sync/controller.ts';
import * as accounts from '../../../../src/server/store/accounts.ts';
import { harnessFor } from '../../../server/harness.ts';
import { seedObservation } from '../observations/seedObservations.ts';
import { renderApp } from '../renderApp.tsx';
import { device, injectFetch } from '../sync/helpers.ts';

const setup = harnessFor('sqlite');
afterEach(() => cleanup());
// Lazy screens and the in-process server share two cores with other suites.
configure({ asyncUtilTimeout: 5000 });

/** Lan (mentee) and Hòa (her mentor this year), each with a phone syncing through the real server; Hòa has a second device. */
async function pair() {
  const h = await setup();
  const lan = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan', department: 'Toán' });
  const hoa = await h.user('hoa', [{ role: 'teacher' }, { role: 'mentor' }], { fullName: 'Trần Thị Hòa', department: 'Văn' });
  await accounts.addMentorship(h.app.sbd.ctx, h.schoolId, hoa.user.id, lan.user.id);
  const lanPhone = await device(h.app, lan);
  const hoaPhone = await device(h.app, hoa);
  const hoaPc = await device(h.app, hoa);
  const observation = await seedObservation(lanPhone.db, { date: '2024-09-12' });
  await lanPhone.sync();
  await hoaPhone.sync();
  const scope = lan.user.scopeId!;
  const place = { kind: 'foreign' as const, scopeId: scope };
  const hoaAuthor = { id: hoa.user.id, fullName: hoa.user.fullName };
  const note = await addAnnotation(hoaPhone.db, place, { targetTable: 'observations', targetId: observation.id, anchor: { kind: 'whole' }, threadId: null, text: 'Phần khởi động nên ngắn hơn.' }, hoaAuthor);
  if (!note.ok) throw new Error(note.error);
  await hoaPhone.sync();
  // Lan answers on her phone.
  await lanPhone.sync();
  const reply = await addAnnotation(lanPhone.db, OWN_PLACE, { targetTable: 'observations', targetId: observation.id, anchor: { kind: 'whole' }, threadId: note.annotation.id, text: 'Dạ, em sẽ rút ngắn.' }, { id: lan.user.id, fullName: lan.user.fullName });
  if (!reply.ok) throw new Error(reply.error);
  await lanPhone.sync();
  await hoaPhone.sync();
  getSyncController(hoaPhone.db, { fetch: injectFetch(h.app).fetch });
  return { h, lan, hoa, lanPhone, hoaPhone, hoaPc, scope, observation, note: note.annotation, reply: reply.annotation };
}

describe('the mentor’s new replies and deleting one’s own notes', () => {
  it('highlights the mentee’s reply until the mentor opens it, on all of her devices', async () => {
    const { hoa, hoaPhone, hoaPc, scope, observation, reply } = await pair();
    expect((await unreadRepliesIn(hoaPhone.db, scope, hoa.user.id)).map((a) => a.id)).toEqual([reply.id]);

    const { user } = renderApp('/kem-cap', hoaPhone.db);
    const mentee = await screen.findByRole('link', { name: 'Xem phiếu dự giờ của Nguyễn Thị Lan' });
    expect(mentee).toHaveAccessibleDescription('1 trả lời mới');
    expect(mentee.closest('li')).toHaveClass('observation-item--unread');
    await user.click(mentee);
    const item = await screen.findByRole('link', { name: new RegExp(observation.lessonTitle) });
    await waitFor(() => expect(item).toHaveTextContent('1 ghi chú mới'));
    await user.click(item);

    const answer = await screen.findByText('Dạ, em sẽ rút ngắn.');
    await waitFor(() => expect(answer.closest('li')).toHaveClass('thread__message--new'));
    expect(within(answer.closest('li')!).getByText('Mới')).toBeInTheDocument();
    // Her own note is never "new" to her.
    expect(screen.getByText('Phần khởi động nên ngắn hơn.').closest('li')).not.toHaveClass('thread__message--new');
    await waitFor(async () => expect(await unreadRepliesIn(hoaPhone.db, scope, hoa.user.id)).toEqual([]));
    // The mark is hers (her own logbook) and syncs: her PC no longer counts the reply.
    expect((await hoaPhone.db.outbox.toArray()).filter((r) => r.table === 'annotationReads')).toEqual([expect.objectContaining({ recordId: reply.id, op: 'put' })]);
    await hoaPhone.sync();
    await hoaPc.sync();
    expect(await unreadRepliesIn(hoaPc.db, scope, hoa.user.id)).toEqual([]);
    expect(await hoaPc.db.annotationReads.get(reply.id)).toBeDefined();
  });

  it('the author deletes her note (undo puts it back); the delete reaches the mentee, whose reply stays', async () => {
    const { lanPhone, hoaPhone, scope, observation, note, reply } = await pair();
    const { user } = renderApp(`/kem-cap/${scope}/${observation.id}`, hoaPhone.db);
    const mine = (await screen.findByText(note.text)).closest('li')!;
    // Only her own note has a delete button; the mentee's reply has none.
    expect(within(screen.getByText(reply.text).closest('li')!).queryByRole('button', { name: /^Xoá/ })).toBeNull();
    await user.click(within(mine).getByRole('button', { name: /^Xoá ghi chú lúc/ }));
    await waitFor(() => expect(screen.queryByText(note.text)).toBeNull());
    expect(await screen.findByText('Đã xoá ghi chú. Các trả lời của người khác vẫn được giữ.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    expect(await screen.findByText(note.text)).toBeInTheDocument();
    expect(await screen.findByText('Đã khôi phục ghi chú.')).toBeInTheDocument();

    await user.click(within((await screen.findByText(note.text)).closest('li')!).getByRole('button', { name: /^Xoá ghi chú lúc/ }));
    await waitFor(() => expect(screen.queryByText(note.text)).toBeNull());
    // The reply shows on its own, as a thread whose first note is gone.
    expect(screen.getByText(reply.text)).toBeInTheDocument();
    await hoaPhone.sync();
    await lanPhone.sync();
    expect((await lanPhone.db.annotations.toArray()).map((a) => a.text)).toEqual([reply.text]);
  });

  it('the mentee deletes her own reply in her logbook; the mentor’s note and his count follow after sync', async () => {
    const { hoa, lanPhone, hoaPhone, scope, observation, note, reply } = await pair();
    const { user } = renderApp(`/du-gio/${observation.id}`, lanPhone.db);
    const answer = (await screen.findByText(reply.text)).closest('li')!;
    expect(within(screen.getByText(note.text).closest('li')!).queryByRole('button', { name: /^Xoá/ })).toBeNull();
    await user.click(within(answer).getByRole('button', { name: /^Xoá trả lời lúc/ }));
    expect(await screen.findByText('Đã xoá trả lời.')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText(reply.text)).toBeNull());
    expect(await lanPhone.db.outbox.where('recordId').equals(reply.id).toArray()).toEqual([expect.objectContaining({ table: 'annotations', op: 'delete' })]);
    await lanPhone.sync();
    await hoaPhone.sync();
    expect(await unreadRepliesIn(hoaPhone.db, scope, hoa.user.id)).toEqual([]);
    expect((await hoaPhone.db.foreign.where('[scopeId+table]').equals([scope, 'annotations']).toArray()).map((r) => r.id)).toEqual([note.id]);
  });
});
