import { annotationSchema, type Annotation, type AnnotationAnchor, type AnnotationTargetTable } from '../../domain/annotations.ts';
import type { LogbookDatabase } from './database.ts';
import { deleteForeignRecord, putForeignRecord } from './foreign.ts';
import { newId, nowIso } from './ids.ts';
import { enqueue } from './outbox.ts';

/**
 * Annotations (issue #4) where they live: the user's own logbook (db.annotations — her mentor's and
 * leaders' notes and her replies) or another teacher's logbook she reads (db.foreign, scopeId — a
 * mentor's notes on a mentee's observations). Each is owned by its author; only the author edits it.
 */
export type AnnotationPlace = { kind: 'own' } | { kind: 'foreign'; scopeId: string };

export const OWN_PLACE: AnnotationPlace = { kind: 'own' };

export interface Author {
  id: string;
  fullName: string;
}

export async function annotationsOfTarget(db: LogbookDatabase, place: AnnotationPlace, targetTable: AnnotationTargetTable, targetId: string): Promise<Annotation[]> {
  if (place.kind === 'own') return db.annotations.where('[targetTable+targetId]').equals([targetTable, targetId]).toArray();
  const all = await foreignAnnotations(db, place.scopeId);
  return all.filter((a) => a.targetTable === targetTable && a.targetId === targetId);
}

/** Every annotation pulled from (or written into) another teacher's logbook. */
export async function foreignAnnotations(db: LogbookDatabase, scopeId: string): Promise<Annotation[]> {
  const rows = await db.foreign.where('[scopeId+table]').equals([scopeId, 'annotations']).toArray();
  return rows.flatMap((row) => {
    const parsed = annotationSchema.safeParse(row.data);
    return parsed.success ? [parsed.data] : [];
  });
}

export type WriteAnnotationResult = { ok: true; annotation: Annotation } | { ok: false; error: string };

/** Writes the record and its outbox row (with the logbook's scopeId when not her own) in one transaction. */
async function put(db: LogbookDatabase, place: AnnotationPlace, annotation: Annotation): Promise<void> {
  if (place.kind === 'own') {
    await db.transaction('rw', db.annotations, db.outbox, async () => {
      await db.annotations.put(annotation);
      await enqueue(db, 'annotations', annotation.id, 'put');
    });
    return;
  }
  await putForeignRecord(db, place.scopeId, 'annotations', annotation);
}

export interface NewAnnotation {
  targetTable: AnnotationTargetTable;
  targetId: string;
  anchor: AnnotationAnchor;
  /** The thread answered, or null to start a thread. */
  threadId: string | null;
  text: string;
}

export async function addAnnotation(db: LogbookDatabase, place: AnnotationPlace, input: NewAnnotation, author: Author): Promise<WriteAnnotationResult> {
  const now = nowIso();
  const parsed = annotationSchema.safeParse({ ...input, id: newId(), authorUserId: author.id, authorName: author.fullName, createdAt: now, updatedAt: now });
  if (!parsed.success) return { ok: false, error: firstError(parsed.error.issues) };
  if (parsed.data.text.trim() === '') return { ok: false, error: 'errors.contentRequired' };
  await put(db, place, parsed.data);
  return { ok: true, annotation: parsed.data };
}

/** Changes the text of the user's own annotation; someone else's is refused (the server would too). */
export async function editAnnotation(db: LogbookDatabase, place: AnnotationPlace, annotation: Annotation, text: string, author: Author): Promise<WriteAnnotationResult> {
  if (annotation.authorUserId !== author.id) return { ok: false, error: 'annotations.notYours' };
  const parsed = annotationSchema.safeParse({ ...annotation, text, updatedAt: nowIso() });
  if (!parsed.success) return { ok: false, error: firstError(parsed.error.issues) };
  if (parsed.data.text.trim() === '') return { ok: false, error: 'errors.contentRequired' };
  await put(db, place, parsed.data);
  return { ok: true, annotation: parsed.data };
}

/**
 * Deletes the user's own annotation or reply (synced as a delete; the server lets only the author).
 * Replies by others to a deleted first note stay, shown as their own thread. Returns the deleted
 * record, for "Hoàn tác" (restoreAnnotation).
 */
export async function deleteAnnotation(db: LogbookDatabase, place: AnnotationPlace, annotation: Annotation, author: Author): Promise<WriteAnnotationResult> {
  if (annotation.authorUserId !== author.id) return { ok: false, error: 'annotations.notYours' };
  if (place.kind === 'foreign') await deleteForeignRecord(db, place.scopeId, 'annotations', annotation.id);
  else {
    await db.transaction('rw', db.annotations, db.outbox, async () => {
      await db.annotations.delete(annotation.id);
      await enqueue(db, 'annotations', annotation.id, 'delete');
    });
  }
  return { ok: true, annotation };
}

/** Puts a just-deleted annotation of the user's back as it was (the undo of deleteAnnotation). */
export async function restoreAnnotation(db: LogbookDatabase, place: AnnotationPlace, annotation: Annotation, author: Author): Promise<WriteAnnotationResult> {
  if (annotation.authorUserId !== author.id) return { ok: false, error: 'annotations.notYours' };
  await put(db, place, annotation);
  return { ok: true, annotation };
}

function firstError(issues: ReadonlyArray<{ message: string }>): string {
  const message = issues[0]?.message ?? '';
  return message.startsWith('errors.') ? message : 'errors.invalid';
}

// ─── Read marks (the logbook owner's, synced to all her devices) ─────────────────────────────────

/** Annotations in her own logbook written by someone else and not yet marked read. */
export async function unreadAnnotations(db: LogbookDatabase, userId: string | null): Promise<Annotation[]> {
  const [all, readIds] = await Promise.all([db.annotations.toArray(), db.annotationReads.toCollection().primaryKeys()]);
  const read = new Set(readIds);
  return all.filter((a) => !read.has(a.id) && (userId === null || a.authorUserId !== userId));
}

export async function unreadCount(db: LogbookDatabase, userId: string | null): Promise<number> {
  return (await unreadAnnotations(db, userId)).length;
}

/**
 * Marks annotations read: one annotationReads record each in the user's own logbook, with its outbox
 * row so all her devices agree. `sync: false` keeps the marks on this device only (a mentor or leader
 * without a logbook of her own has nowhere to sync them).
 */
export async function markRead(db: LogbookDatabase, ids: readonly string[], sync = true): Promise<void> {
  if (ids.length === 0) return;
  await db.transaction('rw', db.annotationReads, db.outbox, async () => {
    const existing = new Set((await db.annotationReads.bulkGet([...ids])).flatMap((r) => (r ? [r.id] : [])));
    const readAt = nowIso();
    for (const id of ids) {
      if (existing.has(id)) continue;
      await db.annotationReads.put({ id, readAt });
      if (sync) await enqueue(db, 'annotationReads', id, 'put');
    }
  });
}

// ─── Replies to the user's notes in others' logbooks (a mentor's unread) ─────────────────────────

/**
 * Messages by others in threads the user took part in, written after her first message there: the
 * mentee's answers to her mentor's notes, and what others added since.
 */
export function repliesTo(annotations: readonly Annotation[], userId: string): Annotation[] {
  const firstMine = new Map<string, string>();
  for (const a of annotations) {
    if (a.authorUserId !== userId) continue;
    const thread = a.threadId ?? a.id;
    const seen = firstMine.get(thread);
    if (seen === undefined || a.createdAt < seen) firstMine.set(thread, a.createdAt);
  }
  return annotations.filter((a) => {
    const since = firstMine.get(a.threadId ?? a.id);
    return a.authorUserId !== userId && since !== undefined && a.createdAt >= since;
  });
}

/** Replies to the user's notes in the logbook `scopeId` she has not opened yet (her read marks, any device). */
export async function unreadRepliesIn(db: LogbookDatabase, scopeId: string, userId: string): Promise<Annotation[]> {
  const replies = repliesTo(await foreignAnnotations(db, scopeId), userId);
  if (replies.length === 0) return [];
  const reads = await db.annotationReads.bulkGet(replies.map((a) => a.id));
  return replies.filter((_, i) => !reads[i]);
}
