import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { migrateV1Entry, migrateV1Reflection } from '../../domain/migrations.ts';
import type { Annotation, AnnotationRead } from '../../domain/annotations.ts';
import type { Confirmation } from '../../domain/confirmations.ts';
import type { InnovationTopic } from '../../domain/innovationTopic.ts';
import type { Observation, ObservedLesson } from '../../domain/observations.ts';
import type { Entry, Profile, Reflection, SchoolYear } from '../../domain/records.ts';
import type { Skkn, SkknRevision, SkknSection } from '../../domain/skkn.ts';
import type { ConflictCopy, SyncTable } from '../../sync/tables.ts';
import { normalizeLine, normalizeText, searchWords } from '../../domain/text.ts';

/** An entry as stored: the record plus its derived search fields (see toStoredEntry). */
export interface StoredEntry extends Entry {
  /** Distinct search words of its text (matched against query words); empty while searchPending. */
  searchWords: string[];
  /** One key per search word, `word date createdAt id` (a multi-entry index, version 4); empty while searchPending. */
  searchKeys: string[];
  /**
   * 1 while its search fields are not built yet (version 6): entries pulled by sync are written
   * without them, which makes a first sync several times faster (every search key is an index row),
   * and get them in idle time (searchIndex.ts). Search scans these rows instead (searchEntries).
   */
  searchPending?: 1;
  /**
   * Set on an entry sync wrote exactly as the server sent it (no local edit pending), to the sync
   * generation of that pull: the row itself is then its server copy, and no shadow row is written
   * for it (half of a first sync's writes). A local write first keeps the row as the shadow
   * (keepServerCopy) and stores the entry without this field.
   */
  syncedGen?: number;
}

/**
 * A local edit waiting for the server. Written in the same transaction as the edit and deleted only
 * once the server acknowledges it (architecture.md, Sync).
 */
export interface OutboxRow {
  seq?: number;
  /** 'conflicts' only ever carries deletes (a dismissed conflict copy). */
  table: SyncTable;
  recordId: string;
  /**
   * The scope written to when it is not the user's own logbook: a mentor's or a leader's annotation or
   * confirmation lives in the teacher's scope (version 5). Absent = the user's own scope.
   */
  scopeId?: string;
  op: 'put' | 'delete';
  at: string;
}

/**
 * The last version of a record received from or acknowledged by the server (src/app/sync). Local
 * edits are sent as the fields that differ from it, with its long-text values as the merge base.
 */
export interface ShadowRow {
  table: OutboxRow['table'];
  id: string;
  data: Record<string, unknown>;
  /** Sync generation that last saw the record from the server (a resync removes older ones). */
  gen: number;
  /** Set for a record of another person's logbook (db.foreign); absent for the user's own scope. */
  scopeId?: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * A record of a logbook the user may read but does not own (a mentee's, a tổ member's), as pulled by
 * sync, and the user's own annotations and confirmations written into such a logbook (version 5).
 */
export interface ForeignRecordRow {
  scopeId: string;
  table: SyncTable;
  id: string;
  data: Record<string, unknown>;
  /** Sync generation that last received it from the server (sync engine; absent when written here). */
  gen?: number;
}

export const DATABASE_NAME = 'so-boi-duong';

export class LogbookDatabase extends Dexie {
  profile!: EntityTable<Profile, 'id'>;
  schoolYears!: EntityTable<SchoolYear, 'id'>;
  entries!: EntityTable<StoredEntry, 'id'>;
  reflections!: EntityTable<Reflection, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  outbox!: EntityTable<OutboxRow, 'seq'>;
  shadows!: Dexie.Table<ShadowRow, [string, string]>;
  /** Conflict copies written by the server (sync), shown to the teacher until she resolves them. */
  conflicts!: EntityTable<ConflictCopy, 'id'>;
  // Version 5 (issues #4, #5, #7): the rest of the logbook, and other people's logbooks.
  observations!: EntityTable<Observation, 'id'>;
  /** Colleagues' observations of this teacher's lessons, mirrored by the server (read-only). */
  observedLessons!: EntityTable<ObservedLesson, 'id'>;
  /** Annotations in the user's own logbook: by her mentor or leaders, and her replies. */
  annotations!: EntityTable<Annotation, 'id'>;
  annotationReads!: EntityTable<AnnotationRead, 'id'>;
  /** Leaders' confirmations of the user's own semesters. */
  confirmations!: EntityTable<Confirmation, 'id'>;
  innovationTopics!: EntityTable<InnovationTopic, 'id'>;
  skkn!: EntityTable<Skkn, 'id'>;
  skknSections!: EntityTable<SkknSection, 'id'>;
  skknRevisions!: EntityTable<SkknRevision, 'id'>;
  /** Records of logbooks the user reads but does not own, keyed [scopeId+table+id]. */
  foreign!: Dexie.Table<ForeignRecordRow, [string, string, string]>;

  constructor(name = DATABASE_NAME) {
    super(name);
    // Version 1: the first release.
    this.version(1).stores({
      profile: 'id',
      schoolYears: 'id, startYear',
      entries: 'id, date, schoolYearId',
      reflections: 'id, schoolYearId, period',
      meta: 'key',
    });
    // Version 2: search index, per-year date index, reflection kind, createdAt, and the sync outbox.
    this.version(2)
      .stores({
        entries: 'id, date, [schoolYearId+date], *searchWords',
        reflections: 'id, [schoolYearId+kind+period]',
        outbox: '++seq, recordId',
      })
      .upgrade((tx) => upgradeToV2(tx));
    // Version 3: sync client state — server shadows per record and conflict copies. Nothing to migrate:
    // the v2 outbox already queues every record for the first upload.
    this.version(3).stores({
      shadows: '[table+id]',
      conflicts: 'id, recordId',
    });
    // Version 4: search keys ordered by word, then date and creation, so a search reads the newest
    // matches of a word first and stops at its limit; they replace the searchWords index (the field
    // stays, to check the other query words).
    this.version(4)
      .stores({ entries: 'id, date, [schoolYearId+date], *searchKeys' })
      .upgrade((tx) => upgradeToV4(tx));
    this.version(5).stores({
      observations: 'id, [schoolYearId+date], teacherUserId',
      observedLessons: 'id, [schoolYearId+date]',
      annotations: 'id, [targetTable+targetId], threadId',
      annotationReads: 'id',
      confirmations: 'id, [schoolYearId+semester]',
      innovationTopics: 'id, schoolYearId',
      skkn: 'id, schoolYearId',
      skknSections: 'id, skknId',
      skknRevisions: 'id, [sectionId+createdAt], skknId',
      foreign: '[scopeId+table+id], [scopeId+table]',
    });
    // Version 6: entries whose search keys are still to be built (searchPending). Nothing to migrate:
    // rows written before have their keys, and a row without the field is not in the index.
    this.version(6).stores({ entries: 'id, date, [schoolYearId+date], *searchKeys, searchPending' });
  }
}

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const queued: OutboxRow[] = [];
  const at = new Date().toISOString();
  const queue = (table: OutboxRow['table'], recordId: unknown) => queued.push({ table, recordId: String(recordId), op: 'put', at });

  await tx
    .table('entries')
    .toCollection()
    .modify((entry: Record<string, unknown>) => {
      const migrated = migrateV1Entry(entry);
      for (const field of ['content', 'source', 'result', 'evidence', 'note'] as const) {
        entry[field] = normalizeText(String(migrated[field] ?? ''));
      }
      entry.createdAt = migrated.createdAt;
      entry.searchWords = entrySearchWords(entry as unknown as Entry);
      queue('entries', entry.id);
    });
  await tx
    .table('reflections')
    .toCollection()
    .modify((reflection: Record<string, unknown>) => {
      reflection.kind = migrateV1Reflection(reflection).kind;
      // v1 stored text as typed: decomposed marks from some keyboards would never match NFC text.
      reflection.text = normalizeText(String(reflection.text ?? ''));
      queue('reflections', reflection.id);
    });
  await tx
    .table('profile')
    .toCollection()
    .modify((profile: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(profile)) {
        if (key !== 'id' && key !== 'updatedAt' && typeof value === 'string') profile[key] = normalizeLine(value);
      }
      queue('profile', profile.id);
    });
  await tx
    .table('schoolYears')
    .toCollection()
    .each((year: Record<string, unknown>) => {
      queue('schoolYears', year.id);
    });
  // Version 1 kept everything on this device only. Queue every record, as a backup restore does, so
  // the first sync uploads the teacher's history instead of leaving it stranded on the phone.
  // Parents first (profile, school years, then what references them), as importBackup queues them.
  const rank: Record<string, number> = { profile: 0, schoolYears: 1, entries: 2, reflections: 3 };
  queued.sort((a, b) => rank[a.table]! - rank[b.table]!);
  if (queued.length > 0) await tx.table('outbox').bulkAdd(queued);
}

export async function upgradeToV4(tx: Transaction): Promise<void> {
  await tx
    .table('entries')
    .toCollection()
    .modify((entry: Record<string, unknown>) => {
      Object.assign(entry, toStoredEntry(entry as unknown as Entry));
    });
}

/**
 * Separates a search key's word from the rest of it. Search words are [a-z0-9]+: a space never occurs
 * in them and sorts before every word character, so the keys of a word sort right after the word
 * itself and before any longer word it prefixes ("boi …" < "boiz"), keeping keys in word order.
 */
export const SEARCH_KEY_SEPARATOR = ' ';

/**
 * The entry as it is written to the entries table, with its derived search fields. Every write path
 * (save, undo, restore, sync, conflicts, migrations) goes through here.
 */
export function toStoredEntry(entry: Entry): StoredEntry {
  const record = fromStoredEntry(entry);
  const words = entrySearchWords(record);
  const suffix = searchOrder(record);
  return { ...record, searchWords: words, searchKeys: words.map((word) => word + SEARCH_KEY_SEPARATOR + suffix) };
}

/**
 * The entry as sync writes it: search fields left to be built later (StoredEntry.searchPending) and,
 * when it is the server's copy, the generation that pulled it (StoredEntry.syncedGen).
 */
export function toPendingEntry(entry: Entry, syncedGen?: number): StoredEntry {
  return { ...fromStoredEntry(entry), searchWords: [], searchKeys: [], searchPending: 1, ...(syncedGen !== undefined ? { syncedGen } : {}) };
}

/** `date createdAt id`: what follows the word in a search key; search results are newest first by it. */
export function searchOrder(entry: Pick<Entry, 'date' | 'createdAt' | 'id'>): string {
  return entry.date + SEARCH_KEY_SEPARATOR + entry.createdAt + SEARCH_KEY_SEPARATOR + entry.id;
}

/** The record without its derived search fields (what the app, backups and sync see). */
export function fromStoredEntry(stored: Entry & Partial<StoredEntry>): Entry {
  const { searchWords: _words, searchKeys: _keys, searchPending: _pending, syncedGen: _gen, ...entry } = stored;
  return entry;
}

export function entrySearchWords(entry: Pick<Entry, 'content' | 'source' | 'result' | 'evidence' | 'note'>): string[] {
  return searchWords(entry.content, entry.source, entry.result, entry.evidence, entry.note);
}

let instance: LogbookDatabase | null = null;

/** The app's database, opened lazily so tests can point it at a fresh name. */
export function getDatabase(): LogbookDatabase {
  instance ??= new LogbookDatabase();
  return instance;
}

export function setDatabaseForTests(db: LogbookDatabase): void {
  instance = db;
}
