import { mergeBlocks } from '../domain/richTextBlocks.ts';
import { normalizeText } from '../domain/text.ts';
import type { PutMutation, Mutation, RejectionCode } from './protocol.ts';
import { isLongTextField, tableSpec, type ConflictCopy } from './tables.ts';

/**
 * The server's merge rule, pure so that property tests can exercise it (docs/sync.md, Merge).
 * Mutations are merged in the order the server receives them; no client clock decides anything.
 * - Different fields of one record merge.
 * - The same short field: the later arrival wins.
 * - A long-text field whose server value is not the value the edit started from (`base`) and differs
 *   from the new value: the server keeps its value and the new one goes into a conflict copy.
 * - A long-text field holding rich text made of paragraphs (BLOCK_MERGED_FIELDS: an SKKN section's
 *   content) is merged paragraph by paragraph instead (three-way, from `base`): edits to different
 *   paragraphs both stay; only when the same paragraphs changed on both sides does the server keep its
 *   paragraphs there (with every paragraph the edit changed elsewhere) and keep the whole edited text
 *   in a conflict copy.
 * - A put on a deleted record brings it back (the tombstone keeps the last data), with a notice.
 * - A delete leaves a tombstone that keeps the data.
 */

export interface StoredRecord {
  data: Record<string, unknown>;
  deleted: boolean;
}

export type MergeOutcome =
  | { kind: 'rejected'; code: RejectionCode; message: string }
  /** Nothing to change (e.g. deleting a record the server never had or already deleted). */
  | { kind: 'noop' }
  | { kind: 'write'; record: StoredRecord; conflict: ConflictCopy | null; resurrected: boolean };

export interface MergeContext {
  clientId: string;
  /** ISO time of the server, stamped on conflict copies. */
  now: string;
}

export const RESURRECT_NOTICE = 'Bản ghi này đã bị xoá trên thiết bị khác; chỉnh sửa mới đã khôi phục nó.';
export const CONFLICT_NOTICE = 'Nội dung này vừa được sửa trên thiết bị khác. Bản của bạn được lưu thành bản sao xung đột để đối chiếu.';

/** Long-text fields merged paragraph by paragraph (top-level HTML blocks, domain/richTextBlocks.ts). */
export const BLOCK_MERGED_FIELDS: Readonly<Partial<Record<Mutation['table'], readonly string[]>>> = { skknSections: ['content'] };

function isBlockMerged(table: Mutation['table'], field: string): boolean {
  return BLOCK_MERGED_FIELDS[table]?.includes(field) ?? false;
}

export function conflictCopyId(recordId: string, clientId: string, mutationId: number): string {
  return `${recordId}~${clientId}~${mutationId}`;
}

function reject(code: RejectionCode, message: string): MergeOutcome {
  return { kind: 'rejected', code, message };
}

function firstIssue(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  const issue = error.issues[0];
  if (!issue) return 'Bản ghi không hợp lệ.';
  const field = issue.path.map(String).join('.') || 'bản ghi';
  return `Bản ghi không hợp lệ (trường ${field}: ${issue.message}).`;
}

export function mergeMutation(current: StoredRecord | null, mutation: Mutation, context: MergeContext): MergeOutcome {
  const spec = tableSpec(mutation.table);
  if (spec.fixedId && mutation.recordId !== spec.fixedId) {
    return reject('invalid_id', `Mã bản ghi của bảng ${mutation.table} phải là "${spec.fixedId}".`);
  }
  if (mutation.op === 'delete') {
    if (!current || current.deleted) return { kind: 'noop' };
    return { kind: 'write', record: { data: current.data, deleted: true }, conflict: null, resurrected: false };
  }
  if (!spec.clientPut) return reject('read_only_table', `Bảng ${mutation.table} chỉ do máy chủ ghi.`);
  return mergePut(current, mutation, context);
}

function mergePut(current: StoredRecord | null, mutation: PutMutation, context: MergeContext): MergeOutcome {
  const spec = tableSpec(mutation.table);
  // A tombstone keeps the record's data: a put that brings it back is checked against that data too,
  // so a text another device wrote before the delete is not silently overwritten on resurrection.
  const live = current ? current.data : null;
  const startingPoint: Record<string, unknown> = current ? { ...current.data } : {};

  // What the client asked for, validated as a whole before any merge decision.
  const wanted = spec.schema.safeParse({ ...startingPoint, ...mutation.fields, id: mutation.recordId });
  if (!wanted.success) return reject('invalid_record', firstIssue(wanted.error));
  const wantedData = wanted.data;

  const merged: Record<string, unknown> = { ...startingPoint };
  const lost: Record<string, string> = {};
  const lostBase: Record<string, string | null> = {};
  const kept: Record<string, string> = {};
  for (const field of Object.keys(mutation.fields)) {
    if (field === 'id' || !(field in wantedData)) continue; // unknown fields are dropped by the schema
    const value = wantedData[field];
    if (live && isLongTextField(mutation.table, field) && typeof value === 'string') {
      const serverValue = typeof live[field] === 'string' ? (live[field] as string) : '';
      const rawBase = mutation.base?.[field];
      const base = typeof rawBase === 'string' ? normalizeText(rawBase) : null;
      if (serverValue !== value && serverValue !== '' && base !== serverValue) {
        if (base !== null && isBlockMerged(mutation.table, field)) {
          const blocks = mergeBlocks(base, serverValue, value);
          merged[field] = blocks.merged;
          if (!blocks.conflict) continue;
          kept[field] = blocks.merged;
        } else {
          kept[field] = serverValue;
        }
        lost[field] = value;
        lostBase[field] = base;
        continue;
      }
    }
    merged[field] = value;
  }
  merged.id = mutation.recordId;

  const parsed = spec.schema.safeParse(merged);
  if (!parsed.success) return reject('invalid_record', firstIssue(parsed.error));

  const conflict: ConflictCopy | null =
    Object.keys(lost).length > 0
      ? {
          id: conflictCopyId(mutation.recordId, context.clientId, mutation.mutationId),
          table: mutation.table,
          recordId: mutation.recordId,
          fields: lost,
          base: lostBase,
          kept,
          clientId: context.clientId,
          mutationId: mutation.mutationId,
          createdAt: context.now,
        }
      : null;
  return { kind: 'write', record: { data: parsed.data, deleted: false }, conflict, resurrected: current?.deleted === true };
}
