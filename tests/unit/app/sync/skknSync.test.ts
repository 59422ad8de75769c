import { describe, expect, it } from 'vitest';
import { createSkkn, resolveSectionConflict, saveSectionContent } from '../../../../src/app/db/skkn.ts';
import { combineBlocks } from '../../../../src/domain/richTextBlocks.ts';
import { harnessFor } from '../../../server/harness.ts';
import { device, login } from './helpers.ts';

const setup = harnessFor('sqlite');

async function teacher() {
  const h = await setup();
  const first = await h.user('lan', [{ role: 'teacher' }], { fullName: 'Nguyễn Thị Lan' });
  const second = await login(h.app, 'lan');
  return { h, sessions: [first, second] as const };
}

const content = async (db: Parameters<typeof saveSectionContent>[0], id: string) => (await db.skknSections.get(id))!.content;

describe('SKKN sections through the sync engine and the real server', () => {
  it('two devices edit different paragraphs of one section offline: both edits end up on both, no conflict copy', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const skkn = await createSkkn(phone.db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Đề tài', authorName: 'Cô Lan' });
    const id = skkn.sections[1]!.id;
    await saveSectionContent(phone.db, id, '<p>Một.</p><p>Hai.</p><p>Ba.</p>');
    await phone.sync();
    await pc.sync();
    expect(await content(pc.db, id)).toBe('<p>Một.</p><p>Hai.</p><p>Ba.</p>');

    await saveSectionContent(phone.db, id, '<p>Một, sửa trên điện thoại.</p><p>Hai.</p><p>Ba.</p>');
    await saveSectionContent(pc.db, id, '<p>Một.</p><p>Hai, sửa trên máy tính.</p><p>Ba.</p><p>Bốn, thêm trên máy tính.</p>');
    await phone.sync();
    const run = await pc.sync();
    expect(run.conflicts).toBe(0);
    await phone.sync();
    const merged = '<p>Một, sửa trên điện thoại.</p><p>Hai, sửa trên máy tính.</p><p>Ba.</p><p>Bốn, thêm trên máy tính.</p>';
    expect(await content(pc.db, id)).toBe(merged);
    expect(await content(phone.db, id)).toBe(merged);
    expect(await pc.db.conflicts.count()).toBe(0);
  });

  it('the same paragraph on both: one version kept, the other in a conflict copy on both devices; combining both loses nothing', async () => {
    const { h, sessions } = await teacher();
    const phone = await device(h.app, sessions[0]);
    const pc = await device(h.app, sessions[1]);
    const skkn = await createSkkn(phone.db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: 'Đề tài', authorName: 'Cô Lan' });
    const id = skkn.sections[1]!.id;
    await saveSectionContent(phone.db, id, '<p>Một.</p><p>Hai.</p>');
    await phone.sync();
    await pc.sync();

    await saveSectionContent(phone.db, id, '<p>Một, bản điện thoại.</p><p>Hai.</p>');
    await saveSectionContent(pc.db, id, '<p>Một, bản máy tính.</p><p>Hai, cũng sửa.</p>');
    await phone.sync();
    expect((await pc.sync()).conflicts).toBe(1);
    await phone.sync();
    // Kept: the phone's paragraph (first arrival) with the PC's change to the other paragraph.
    expect(await content(pc.db, id)).toBe('<p>Một, bản điện thoại.</p><p>Hai, cũng sửa.</p>');
    expect(await content(phone.db, id)).toBe('<p>Một, bản điện thoại.</p><p>Hai, cũng sửa.</p>');
    const [copy] = await phone.db.conflicts.toArray();
    expect(copy?.fields.content).toBe('<p>Một, bản máy tính.</p><p>Hai, cũng sửa.</p>');

    await resolveSectionConflict(phone.db, copy!.id, combineBlocks(await content(phone.db, id), copy!.fields.content!));
    await phone.sync();
    await pc.sync();
    const final = await content(pc.db, id);
    expect(final).toContain('Một, bản điện thoại.');
    expect(final).toContain('Một, bản máy tính.');
    expect(await pc.db.conflicts.count()).toBe(0);
  });
});
