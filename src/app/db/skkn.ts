import { findOutline, type SkknOutline } from '../../domain/catalogs/skknOutlines.ts';
import { countHtmlWords, splitBlocks } from '../../domain/richTextBlocks.ts';
import {
  skknSchema,
  skknSectionSchema,
  type Skkn,
  type SkknReference,
  type SkknRevision,
  type SkknSection,
  type SkknSectionRef,
} from '../../domain/skkn.ts';
import { normalizeText } from '../../domain/text.ts';
import type { LogbookDatabase } from './database.ts';
import { ValidationError } from './errors.ts';
import { newId, nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

/**
 * SKKN drafts on this device. Every write puts the record and its outbox row in one transaction
 * (the pattern of entries.ts). Section text lives in its own records (skknSections) so that two
 * devices editing different sections never touch the same record; revisions are append-only records.
 */

export interface NewSkknInput {
  outlineId: string;
  schoolYearId: string;
  title: string;
  authorName: string;
  position?: string;
  department?: string;
  unit?: string;
  innovationTopicId?: string | null;
}

function parseSkkn(record: Skkn): Skkn {
  const parsed = skknSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ValidationError(issue?.message.startsWith('errors.') ? issue.message : 'errors.invalid', issue?.path.join('.'));
  }
  return parsed.data;
}

export async function createSkkn(db: LogbookDatabase, input: NewSkknInput): Promise<Skkn> {
  const outline: SkknOutline | undefined = findOutline(input.outlineId);
  if (!outline) throw new ValidationError('errors.invalid', `unknown outline ${input.outlineId}`);
  const now = nowIso();
  const sections: SkknSectionRef[] = outline.sections.map((section) => ({ id: newId(), title: section.title, level: section.level, numbered: section.numbered }));
  const skkn = parseSkkn({
    id: newId(),
    schoolYearId: input.schoolYearId,
    outlineId: outline.id,
    title: input.title,
    authors: [{ name: input.authorName, contributionPercent: 100 }],
    position: input.position ?? '',
    department: input.department ?? '',
    unit: input.unit ?? '',
    field: '',
    firstAppliedOn: null,
    sections,
    references: [],
    abstract: '',
    innovationTopicId: input.innovationTopicId ?? null,
    status: 'draft',
    createdAt: now,
    updatedAt: now,
  });
  await db.transaction('rw', db.skkn, db.skknSections, db.outbox, async () => {
    // Parent first: the server sees the draft before its sections.
    await db.skkn.add(skkn);
    await enqueue(db, 'skkn', skkn.id, 'put');
    for (const ref of sections) {
      await db.skknSections.add({ id: ref.id, skknId: skkn.id, content: '', notes: '', updatedAt: now });
      await enqueue(db, 'skknSections', ref.id, 'put');
    }
  });
  return skkn;
}

export function listSkkn(db: LogbookDatabase): Promise<Skkn[]> {
  return db.skkn.toArray().then((rows) => rows.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)));
}

export function getSkkn(db: LogbookDatabase, id: string): Promise<Skkn | undefined> {
  return db.skkn.get(id);
}

export function sectionsOf(db: LogbookDatabase, skknId: string): Promise<SkknSection[]> {
  return db.skknSections.where('skknId').equals(skknId).toArray();
}

/** Cover fields, references, section order and titles: everything of the draft record but its id. */
export type SkknPatch = Partial<Omit<Skkn, 'id' | 'createdAt' | 'updatedAt'>>;

export async function updateSkkn(db: LogbookDatabase, id: string, patch: SkknPatch): Promise<Skkn> {
  return db.transaction('rw', db.skkn, db.outbox, async () => {
    const current = await db.skkn.get(id);
    if (!current) throw new ValidationError('errors.notFound', `skkn ${id}`);
    const next = parseSkkn({ ...current, ...patch, id, updatedAt: nowIso() });
    await db.skkn.put(next);
    await enqueue(db, 'skkn', id, 'put');
    return next;
  });
}

/** A new empty section after `afterId` (at the end when null). */
export async function addSection(db: LogbookDatabase, skknId: string, title: string, level: number, afterId: string | null): Promise<SkknSectionRef> {
  const ref: SkknSectionRef = { id: newId(), title, level, numbered: true };
  await db.transaction('rw', db.skkn, db.skknSections, db.outbox, async () => {
    const current = await db.skkn.get(skknId);
    if (!current) throw new ValidationError('errors.notFound', `skkn ${skknId}`);
    const sections = [...current.sections];
    const at = afterId === null ? sections.length : sections.findIndex((s) => s.id === afterId) + 1;
    sections.splice(at > 0 ? at : sections.length, 0, ref);
    const next = parseSkkn({ ...current, sections, updatedAt: nowIso() });
    await db.skknSections.add({ id: ref.id, skknId, content: '', notes: '', updatedAt: next.updatedAt });
    await db.skkn.put(next);
    await enqueue(db, 'skknSections', ref.id, 'put');
    await enqueue(db, 'skkn', skknId, 'put');
  });
  return ref;
}

/** What removing a section took away, so that "Hoàn tác" can put it back exactly. */
export interface RemovedSection {
  skknId: string;
  index: number;
  ref: SkknSectionRef;
  section: SkknSection | undefined;
}

/** Removes a section from the outline and deletes its text record (its revisions stay, for undo and history). */
export async function removeSection(db: LogbookDatabase, skknId: string, sectionId: string): Promise<RemovedSection | null> {
  return db.transaction('rw', db.skkn, db.skknSections, db.outbox, async () => {
    const current = await db.skkn.get(skknId);
    const index = current?.sections.findIndex((s) => s.id === sectionId) ?? -1;
    if (!current || index < 0) return null;
    const ref = current.sections[index]!;
    const section = await db.skknSections.get(sectionId);
    await db.skkn.put({ ...current, sections: current.sections.filter((s) => s.id !== sectionId), updatedAt: nowIso() });
    await enqueue(db, 'skkn', skknId, 'put');
    if (section) {
      await db.skknSections.delete(sectionId);
      await enqueue(db, 'skknSections', sectionId, 'delete');
    }
    return { skknId, index, ref, section };
  });
}

export async function restoreSection(db: LogbookDatabase, removed: RemovedSection): Promise<void> {
  await db.transaction('rw', db.skkn, db.skknSections, db.outbox, async () => {
    const current = await db.skkn.get(removed.skknId);
    if (!current) return;
    const sections = current.sections.filter((s) => s.id !== removed.ref.id);
    sections.splice(Math.min(removed.index, sections.length), 0, removed.ref);
    const now = nowIso();
    await db.skknSections.put(removed.section ? { ...removed.section, updatedAt: now } : { id: removed.ref.id, skknId: removed.skknId, content: '', notes: '', updatedAt: now });
    await enqueue(db, 'skknSections', removed.ref.id, 'put');
    await db.skkn.put({ ...current, sections, updatedAt: now });
    await enqueue(db, 'skkn', removed.skknId, 'put');
  });
}

/** Moves a section one place up (-1) or down (+1). */
export async function moveSection(db: LogbookDatabase, skknId: string, sectionId: string, by: -1 | 1): Promise<void> {
  const current = await db.skkn.get(skknId);
  if (!current) return;
  const sections = [...current.sections];
  const from = sections.findIndex((s) => s.id === sectionId);
  const to = from + by;
  if (from < 0 || to < 0 || to >= sections.length) return;
  [sections[from], sections[to]] = [sections[to]!, sections[from]!];
  await updateSkkn(db, skknId, { sections });
}

export async function updateSectionRef(db: LogbookDatabase, skknId: string, sectionId: string, change: Partial<Omit<SkknSectionRef, 'id'>>): Promise<void> {
  const current = await db.skkn.get(skknId);
  if (!current) return;
  await updateSkkn(db, skknId, { sections: current.sections.map((s) => (s.id === sectionId ? { ...s, ...change } : s)) });
}

/** Saves a section's text (the autosave), skipping the write when nothing changed. Returns whether it wrote. */
export async function saveSectionContent(db: LogbookDatabase, sectionId: string, content: string): Promise<boolean> {
  const normalized = normalizeText(content);
  return db.transaction('rw', db.skknSections, db.outbox, async () => {
    const current = await db.skknSections.get(sectionId);
    if (!current) throw new ValidationError('errors.notFound', `section ${sectionId}`);
    if (current.content === normalized) return false;
    const next = skknSectionSchema.parse({ ...current, content: normalized, updatedAt: nowIso() });
    await db.skknSections.put(next);
    await enqueue(db, 'skknSections', sectionId, 'put');
    return true;
  });
}

export async function saveSectionNotes(db: LogbookDatabase, sectionId: string, notes: string): Promise<void> {
  await db.transaction('rw', db.skknSections, db.outbox, async () => {
    const current = await db.skknSections.get(sectionId);
    if (!current || current.notes === normalizeText(notes)) return;
    await db.skknSections.put(skknSectionSchema.parse({ ...current, notes, updatedAt: nowIso() }));
    await enqueue(db, 'skknSections', sectionId, 'put');
  });
}

// Revisions ---------------------------------------------------------------------------------------

/** Automatic snapshots kept per section; named and restore revisions are never thinned. */
export const MAX_AUTO_REVISIONS = 40;

/** Revisions of a section, newest first. */
export async function revisionsOf(db: LogbookDatabase, sectionId: string): Promise<SkknRevision[]> {
  const rows = await db.skknRevisions.where('[sectionId+createdAt]').between([sectionId, ''], [sectionId, '\uffff']).toArray();
  return rows.reverse();
}

async function latestRevision(db: LogbookDatabase, sectionId: string): Promise<SkknRevision | undefined> {
  return db.skknRevisions.where('[sectionId+createdAt]').between([sectionId, ''], [sectionId, '\uffff']).last();
}

/** A revision's time: strictly after the section's newest one, so that order never depends on clock ties. */
function revisionTime(latest: SkknRevision | undefined): string {
  const now = nowIso();
  if (!latest || now > latest.createdAt) return now;
  return new Date(Date.parse(latest.createdAt) + 1).toISOString();
}

async function addRevision(db: LogbookDatabase, section: SkknSection, kind: SkknRevision['kind'], name: string | null, content: string): Promise<SkknRevision> {
  const latest = await latestRevision(db, section.id);
  const revision: SkknRevision = { id: newId(), skknId: section.skknId, sectionId: section.id, content, name, kind, createdAt: revisionTime(latest) };
  await db.skknRevisions.add(revision);
  await enqueue(db, 'skknRevisions', revision.id, 'put');
  if (kind === 'auto') {
    const autos = (await db.skknRevisions.where('[sectionId+createdAt]').between([section.id, ''], [section.id, '\uffff']).toArray()).filter((r) => r.kind === 'auto');
    for (const old of autos.slice(0, Math.max(0, autos.length - MAX_AUTO_REVISIONS))) {
      await db.skknRevisions.delete(old.id);
      await enqueue(db, 'skknRevisions', old.id, 'delete');
    }
  }
  return revision;
}

/**
 * An automatic snapshot of the section's stored text, unless it equals the newest revision (or is
 * empty with no revision yet). Returns the revision written, or null.
 */
export async function snapshotSection(db: LogbookDatabase, sectionId: string): Promise<SkknRevision | null> {
  return db.transaction('rw', db.skknSections, db.skknRevisions, db.outbox, async () => {
    const section = await db.skknSections.get(sectionId);
    if (!section) return null;
    const latest = await latestRevision(db, sectionId);
    if (latest ? latest.content === section.content : section.content === '') return null;
    return addRevision(db, section, 'auto', null, section.content);
  });
}

/** A named version of the section's stored text (always written, even when equal to the last one). */
export async function nameVersion(db: LogbookDatabase, sectionId: string, name: string): Promise<SkknRevision> {
  return db.transaction('rw', db.skknSections, db.skknRevisions, db.outbox, async () => {
    const section = await db.skknSections.get(sectionId);
    if (!section) throw new ValidationError('errors.notFound', `section ${sectionId}`);
    return addRevision(db, section, 'named', normalizeText(name).trim().slice(0, 200) || null, section.content);
  });
}

/**
 * Puts an old revision's text back: the current text is snapshotted first when no revision holds it,
 * then the old text becomes the section's and a 'restore' revision records it. Nothing is lost.
 */
export async function restoreRevision(db: LogbookDatabase, revisionId: string): Promise<string | null> {
  return db.transaction('rw', db.skknSections, db.skknRevisions, db.outbox, async () => {
    const revision = await db.skknRevisions.get(revisionId);
    if (!revision) return null;
    const section = await db.skknSections.get(revision.sectionId);
    if (!section) return null;
    const latest = await latestRevision(db, section.id);
    if (section.content !== '' && latest?.content !== section.content) await addRevision(db, section, 'auto', null, section.content);
    const restored: SkknSection = { ...section, content: revision.content, updatedAt: nowIso() };
    await db.skknSections.put(restored);
    await enqueue(db, 'skknSections', section.id, 'put');
    await addRevision(db, restored, 'restore', revision.name, revision.content);
    return revision.content;
  });
}

// Whole drafts ------------------------------------------------------------------------------------

export interface DeletedSkkn {
  skkn: Skkn;
  sections: SkknSection[];
  revisions: SkknRevision[];
}

/** Deletes a draft with its sections and revisions, returned so that "Hoàn tác" can put them back. */
export async function deleteSkkn(db: LogbookDatabase, id: string): Promise<DeletedSkkn | null> {
  return db.transaction('rw', db.skkn, db.skknSections, db.skknRevisions, db.outbox, async () => {
    const skkn = await db.skkn.get(id);
    if (!skkn) return null;
    const sections = await db.skknSections.where('skknId').equals(id).toArray();
    const revisions = await db.skknRevisions.where('skknId').equals(id).toArray();
    for (const revision of revisions) {
      await db.skknRevisions.delete(revision.id);
      await enqueue(db, 'skknRevisions', revision.id, 'delete');
    }
    for (const section of sections) {
      await db.skknSections.delete(section.id);
      await enqueue(db, 'skknSections', section.id, 'delete');
    }
    await db.skkn.delete(id);
    await enqueue(db, 'skkn', id, 'delete');
    return { skkn, sections, revisions };
  });
}

export async function undeleteSkkn(db: LogbookDatabase, deleted: DeletedSkkn): Promise<void> {
  await db.transaction('rw', db.skkn, db.skknSections, db.skknRevisions, db.outbox, async () => {
    await db.skkn.put(deleted.skkn);
    await enqueue(db, 'skkn', deleted.skkn.id, 'put');
    for (const section of deleted.sections) {
      await db.skknSections.put(section);
      await enqueue(db, 'skknSections', section.id, 'put');
    }
    for (const revision of deleted.revisions) {
      await db.skknRevisions.put(revision);
      await enqueue(db, 'skknRevisions', revision.id, 'put');
    }
  });
}

export function newReference(): SkknReference {
  return { id: newId(), authors: '', year: '', title: '', publisher: '', url: '' };
}

/** Words per paragraph (top-level block) already counted: a save changes one or two of them. */
const blockWords = new Map<string, number>();

/** Words of a section's text, counting only blocks not seen before (a long section is re-counted on every save). */
export function sectionWords(html: string): number {
  let total = 0;
  for (const block of splitBlocks(html)) {
    let words = blockWords.get(block);
    if (words === undefined) {
      words = countHtmlWords(block);
      if (blockWords.size > 50_000) blockWords.clear();
      blockWords.set(block, words);
    }
    total += words;
  }
  return total;
}

/** Words per section id and in total. */
export function wordCounts(sections: readonly SkknSection[]): { bySection: Map<string, number>; total: number } {
  const bySection = new Map<string, number>();
  let total = 0;
  for (const section of sections) {
    const words = sectionWords(section.content);
    bySection.set(section.id, words);
    total += words;
  }
  return { bySection, total };
}

/**
 * Resolves a section's conflict copy: writes the chosen or combined text (null keeps the section as
 * it is), then drops the copy here and on the server. Returns the text written, or null.
 */
export async function resolveSectionConflict(db: LogbookDatabase, conflictId: string, content: string | null): Promise<string | null> {
  return db.transaction('rw', db.conflicts, db.skknSections, db.skknRevisions, db.outbox, async () => {
    const conflict = await db.conflicts.get(conflictId);
    if (!conflict) return null;
    const section = await db.skknSections.get(conflict.recordId);
    let written: string | null = null;
    if (section && content !== null && normalizeText(content) !== section.content) {
      // The text being replaced stays as a revision: resolving a conflict never loses words either.
      await addRevision(db, section, 'auto', null, section.content);
      written = normalizeText(content);
      await db.skknSections.put({ ...section, content: written, updatedAt: nowIso() });
      await enqueue(db, 'skknSections', section.id, 'put');
    }
    await db.conflicts.delete(conflictId);
    await enqueue(db, 'conflicts', conflictId, 'delete');
    return written;
  });
}
