import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConflictCopy } from '../../sync/tables.ts';
import { useDatabase } from '../db/DatabaseContext.tsx';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { applyConflictVersion, conflictRecord, dismissConflict } from '../sync/conflicts.ts';
import './RecordConflicts.css';

const vi = {
  title: 'Mục này có bản sửa từ thiết bị khác',
  body: 'Nội dung được sửa cùng lúc trên hai thiết bị. Sổ đang giữ bản của thầy/cô; bản kia ở bên cạnh. Hãy chọn cách giữ.',
  mine: 'Bản của tôi (đang trong sổ)',
  other: 'Bản kia',
  keepMine: 'Giữ bản của tôi',
  useOther: 'Dùng bản kia',
  merge: 'Tự gộp',
  mergeLabel: '{{field}} — bản gộp',
  mergeHint: 'Cả hai bản đã được chép vào đây. Sửa lại cho đúng rồi lưu.',
  saveMerge: 'Lưu bản gộp',
  cancel: 'Huỷ',
  keptMine: 'Đã giữ bản của thầy/cô và bỏ bản kia.',
  usedOther: 'Đã dùng bản kia.',
  merged: 'Đã lưu bản gộp.',
  failed: 'Không lưu được. Dữ liệu trên máy không bị ảnh hưởng; hãy thử lại.',
  field: { content: 'Nội dung', source: 'Nguồn', result: 'Kết quả', evidence: 'Minh chứng', note: 'Ghi chú', text: 'Tự nhận xét' } as Record<string, string>,
};
const en = {
  title: 'This record has an edit from another device',
  body: 'It was edited on two devices at once. The logbook kept your version; the other one is beside it. Choose what to keep.',
  mine: 'My version (in the logbook)',
  other: 'The other version',
  keepMine: 'Keep mine',
  useOther: 'Use the other',
  merge: 'Merge by hand',
  mergeLabel: '{{field}} — merged',
  mergeHint: 'Both versions are copied here. Edit them into one, then save.',
  saveMerge: 'Save merged text',
  cancel: 'Cancel',
  keptMine: 'Kept your version; the other one was dropped.',
  usedOther: 'Now using the other version.',
  merged: 'Merged text saved.',
  failed: 'Could not save. Nothing on this device changed; please try again.',
  field: { content: 'Content', source: 'Source', result: 'Result', evidence: 'Evidence', note: 'Note', text: 'Reflection' } as Record<string, string>,
};

interface Props {
  /** The record's table and id (`conflicts` index recordId). */
  table: 'entries' | 'reflections';
  recordId: string | undefined;
  /** Called after the record's text was changed here (use the other / merge), so an open editor reloads. */
  onRecordChanged?: () => void;
}

/**
 * A notice on a record's screen when a conflict copy exists for it (a long text edited on two
 * devices): both versions side by side; keep mine, use the other, or merge by hand.
 */
export function RecordConflicts({ table, recordId, onRecordChanged }: Props) {
  registerMessages('recordConflict', vi, en);
  const db = useDatabase();
  const conflicts = useLiveQuery(
    async () => (recordId ? (await db.conflicts.where('recordId').equals(recordId).toArray()).filter((c) => c.table === table) : []),
    [db, table, recordId],
  );
  if (!conflicts?.length) return null;
  return (
    <>
      {conflicts.map((conflict) => (
        <ConflictNotice key={conflict.id} conflict={conflict} onRecordChanged={onRecordChanged} />
      ))}
    </>
  );
}

function ConflictNotice({ conflict, onRecordChanged }: { conflict: ConflictCopy; onRecordChanged?: () => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const titleId = useId();
  // undefined while loading, null when the record is gone (then only "keep mine" = drop the copy is offered).
  const record = useLiveQuery(async () => (await conflictRecord(db, conflict)) ?? null, [db, conflict.id]);
  const [merging, setMerging] = useState<Record<string, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const mergeRef = useRef<HTMLTextAreaElement>(null);
  const fields = Object.keys(conflict.fields);
  const mine = (field: string) => (record && typeof record[field] === 'string' ? (record[field] as string) : (conflict.kept[field] ?? ''));
  const label = (field: string) => t(`recordConflict.field.${field}`, { defaultValue: field });

  useEffect(() => {
    if (merging) mergeRef.current?.focus();
    // Focus the first box only when the merge opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [merging === null]);

  async function run(action: () => Promise<unknown>, changesRecord: boolean) {
    setBusy(true);
    setMessage(null);
    try {
      await action();
      if (changesRecord) onRecordChanged?.();
    } catch {
      setMessage(t('recordConflict.failed'));
      setBusy(false);
    }
  }

  return (
    <section className="panel record-conflict" role="region" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('recordConflict.title')}</h2>
      <p>{t('recordConflict.body')}</p>
      {fields.map((field) => (
        <div key={field} className="record-conflict__columns">
          <div>
            <h3>
              {label(field)} — {t('recordConflict.mine')}
            </h3>
            <p className="record-conflict__text" data-version="mine">
              {mine(field)}
            </p>
          </div>
          <div>
            <h3>
              {label(field)} — {t('recordConflict.other')}
            </h3>
            <p className="record-conflict__text" data-version="other">
              {conflict.fields[field]}
            </p>
          </div>
        </div>
      ))}
      {merging ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void run(() => applyConflictVersion(db, conflict.id, merging), true);
          }}
        >
          <p className="field__hint">{t('recordConflict.mergeHint')}</p>
          {fields.map((field, index) => (
            <div key={field} className="field">
              <label htmlFor={`${titleId}-${field}`}>{t('recordConflict.mergeLabel', { field: label(field) })}</label>
              <textarea
                ref={index === 0 ? mergeRef : undefined}
                id={`${titleId}-${field}`}
                rows={8}
                value={merging[field]}
                onChange={(event) => setMerging({ ...merging, [field]: event.target.value })}
              />
            </div>
          ))}
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {t('recordConflict.saveMerge')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMerging(null)}>
              {t('recordConflict.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => dismissConflict(db, conflict.id), false)}>
            {t('recordConflict.keepMine')}
          </button>
          {record === undefined ? null : record ? (
            <>
              <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run(() => applyConflictVersion(db, conflict.id), true)}>
                {t('recordConflict.useOther')}
              </button>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => setMerging(Object.fromEntries(fields.map((f) => [f, [mine(f), conflict.fields[f]].filter(Boolean).join('\n\n')])))}
              >
                {t('recordConflict.merge')}
              </button>
            </>
          ) : null}
        </div>
      )}
      {message ? (
        <p className="field__error" role="alert">
          {message}
        </p>
      ) : null}
    </section>
  );
}
