import { describe, expect, it } from 'vitest';
import { saveInnovationTopic } from '../../../../src/app/db/innovationTopics.ts';
import {
  addSection,
  createSkkn,
  deleteSkkn,
  moveSection,
  nameVersion,
  removeSection,
  resolveSectionConflict,
  restoreRevision,
  restoreSection,
  revisionsOf,
  saveSectionContent,
  sectionsOf,
  snapshotSection,
  undeleteSkkn,
  MAX_AUTO_REVISIONS,
} from '../../../../src/app/db/skkn.ts';
import { emptyInnovationTopic } from '../../../../src/domain/innovationTopic.ts';
import { freshDb } from './helpers.ts';

const newDraft = (db: ReturnType<typeof freshDb>) => createSkkn(db, { outlineId: 'chung-2024', schoolYearId: 'nam-hoc-2026', title: '  Đề tài thử  ', authorName: 'Cô Lan' });

describe('SKKN drafts on the device', () => {
  it('creates a draft from an outline: one section record per outline section, each with its outbox row, parent first', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    expect(skkn.title).toBe('Đề tài thử');
    expect(skkn.sections.map((s) => s.title).slice(0, 2)).toEqual(['Mở đầu', 'Lý do chọn đề tài']);
    expect(skkn.sections.at(-1)).toMatchObject({ title: 'Phụ lục', numbered: false });
    expect(await sectionsOf(db, skkn.id)).toHaveLength(skkn.sections.length);
    const outbox = await db.outbox.toArray();
    expect(outbox[0]).toMatchObject({ table: 'skkn', recordId: skkn.id, op: 'put' });
    expect(outbox.filter((r) => r.table === 'skknSections')).toHaveLength(skkn.sections.length);
  });

  it('saves section text NFC-normalised with an outbox row, and writes nothing when the text did not change', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    const id = skkn.sections[1]!.id;
    const before = await db.outbox.count();
    expect(await saveSectionContent(db, id, '<p>Tie\u0302\u0301ng Việt</p>')).toBe(true);
    expect((await db.skknSections.get(id))!.content).toBe('<p>Tiếng Việt</p>');
    expect(await saveSectionContent(db, id, '<p>Tiếng Việt</p>')).toBe(false);
    expect(await db.outbox.count()).toBe(before + 1);
  });

  it('snapshots only new text, names versions, and restoring keeps the replaced text as a revision', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    const id = skkn.sections[1]!.id;
    expect(await snapshotSection(db, id)).toBeNull(); // empty, nothing to keep
    await saveSectionContent(db, id, '<p>Bản một</p>');
    const first = await snapshotSection(db, id);
    expect(first?.kind).toBe('auto');
    expect(await snapshotSection(db, id)).toBeNull(); // unchanged since
    await nameVersion(db, id, 'Nộp tổ');
    await saveSectionContent(db, id, '<p>Bản hai</p>');

    expect(await restoreRevision(db, first!.id)).toBe('<p>Bản một</p>');
    expect((await db.skknSections.get(id))!.content).toBe('<p>Bản một</p>');
    const revisions = await revisionsOf(db, id);
    expect(revisions.map((r) => [r.kind, r.content])).toEqual([
      ['restore', '<p>Bản một</p>'],
      ['auto', '<p>Bản hai</p>'],
      ['named', '<p>Bản một</p>'],
      ['auto', '<p>Bản một</p>'],
    ]);
    expect(revisions[2]!.name).toBe('Nộp tổ');
    // Newest first, strictly ordered even within one millisecond.
    expect(new Set(revisions.map((r) => r.createdAt)).size).toBe(4);
  });

  it('thins automatic snapshots to the newest ones, never named versions', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    const id = skkn.sections[1]!.id;
    await saveSectionContent(db, id, '<p>tên</p>');
    await nameVersion(db, id, 'Giữ mãi');
    for (let i = 0; i < MAX_AUTO_REVISIONS + 5; i++) {
      await saveSectionContent(db, id, `<p>${i}</p>`);
      await snapshotSection(db, id);
    }
    const revisions = await revisionsOf(db, id);
    expect(revisions.filter((r) => r.kind === 'auto')).toHaveLength(MAX_AUTO_REVISIONS);
    expect(revisions.some((r) => r.name === 'Giữ mãi')).toBe(true);
    expect(revisions[0]!.content).toBe(`<p>${MAX_AUTO_REVISIONS + 4}</p>`);
    expect(await db.outbox.where('recordId').anyOf(revisions.map((r) => r.id)).count()).toBeGreaterThan(0);
  });

  it('adds, moves, removes a section with undo, and deletes a whole draft with undo', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    const first = skkn.sections[0]!.id;
    const added = await addSection(db, skkn.id, 'Mục mới', 2, first);
    expect((await db.skkn.get(skkn.id))!.sections[1]!.id).toBe(added.id);
    await moveSection(db, skkn.id, added.id, -1);
    expect((await db.skkn.get(skkn.id))!.sections[0]!.id).toBe(added.id);

    await saveSectionContent(db, added.id, '<p>Không được mất</p>');
    const removed = await removeSection(db, skkn.id, added.id);
    expect(await db.skknSections.get(added.id)).toBeUndefined();
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ table: 'skknSections', recordId: added.id, op: 'delete' });
    await restoreSection(db, removed!);
    expect((await db.skknSections.get(added.id))!.content).toBe('<p>Không được mất</p>');
    expect((await db.skkn.get(skkn.id))!.sections[0]!.id).toBe(added.id);

    const deleted = await deleteSkkn(db, skkn.id);
    expect(await db.skkn.count()).toBe(0);
    expect(await db.skknSections.count()).toBe(0);
    await undeleteSkkn(db, deleted!);
    expect((await db.skknSections.get(added.id))!.content).toBe('<p>Không được mất</p>');
  });

  it('resolving a section conflict writes the chosen text, keeps the replaced one as a revision and deletes the copy everywhere', async () => {
    const db = freshDb();
    const skkn = await newDraft(db);
    const id = skkn.sections[1]!.id;
    await saveSectionContent(db, id, '<p>Giữ</p>');
    await db.conflicts.put({ id: 'c1', table: 'skknSections', recordId: id, fields: { content: '<p>Bản kia</p>' }, base: { content: '' }, kept: { content: '<p>Giữ</p>' }, clientId: 'x', mutationId: 1, createdAt: '2026-11-01T00:00:00.000Z' });
    expect(await resolveSectionConflict(db, 'c1', '<p>Giữ</p><p>Bản kia</p>')).toBe('<p>Giữ</p><p>Bản kia</p>');
    expect((await db.skknSections.get(id))!.content).toBe('<p>Giữ</p><p>Bản kia</p>');
    expect((await revisionsOf(db, id))[0]!.content).toBe('<p>Giữ</p>');
    expect(await db.conflicts.count()).toBe(0);
    expect((await db.outbox.toArray()).at(-1)).toMatchObject({ table: 'conflicts', recordId: 'c1', op: 'delete' });
  });
});

describe('innovation topic on the device', () => {
  it('one topic per school year (id from the year); invalid dates come back as field errors by path', async () => {
    const db = freshDb();
    const bad = await saveInnovationTopic(db, 'nam-hoc-2026', { ...emptyInnovationTopic(), title: 'Dạy học STEM', milestones: [{ id: 'm', due: '2026-13-40', task: 'Khảo sát', expectedProduct: '', done: false }] });
    expect(bad).toEqual({ ok: false, errors: { 'milestones.0.due': 'errors.dateInvalid' } });
    expect(await db.innovationTopics.count()).toBe(0);
    const good = await saveInnovationTopic(db, 'nam-hoc-2026', { ...emptyInnovationTopic(), title: 'Dạy học STEM' });
    const again = await saveInnovationTopic(db, 'nam-hoc-2026', { ...emptyInnovationTopic(), title: 'Dạy học STEM lớp 7', status: 'inProgress' });
    expect(good.ok && again.ok).toBe(true);
    if (!good.ok || !again.ok) return;
    expect(again.topic.id).toBe('topic-nam-hoc-2026');
    expect(again.topic.createdAt).toBe(good.topic.createdAt);
    expect(await db.innovationTopics.count()).toBe(1);
    expect(await db.outbox.where('recordId').equals('topic-nam-hoc-2026').count()).toBe(2);
  });
});
