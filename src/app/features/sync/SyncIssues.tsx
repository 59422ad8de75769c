import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { ConflictCopy } from '../../../sync/tables.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { applyConflictVersion, conflictRecord, dismissConflict } from '../../sync/conflicts.ts';
import { dismissNotice, getNotices } from '../../sync/state.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';
import './sync.css';

function ConflictCard({ conflict }: { conflict: ConflictCopy }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const record = useLiveQuery(() => conflictRecord(db, conflict), [db, conflict.id]);
  const date = typeof record?.date === 'string' ? formatDate(record.date) : null;
  return (
    <article className="panel sync-conflict" aria-label={t('sync.conflictTitle')}>
      <h3>{t('sync.conflictTitle')}</h3>
      <p>{date ? t('sync.conflictBody', { date }) : t('sync.conflictRecord', { table: conflict.table })}</p>
      {record === undefined ? <p className="field__hint">{t('sync.recordGone')}</p> : null}
      {Object.entries(conflict.fields).map(([field, other]) => {
        const current = record && typeof record[field] === 'string' ? (record[field] as string) : (conflict.kept[field] ?? '');
        const label = t(`sync.field.${field}`, { defaultValue: field });
        return (
          <div key={field} className="sync-conflict__columns">
            <div>
              <h4>
                {label} — {t('sync.inRecord')}
              </h4>
              <p className="sync-conflict__text">{current}</p>
            </div>
            <div>
              <h4>
                {label} — {t('sync.otherVersion')}
              </h4>
              <p className="sync-conflict__text">{other}</p>
            </div>
          </div>
        );
      })}
      <p className="field__hint">{formatDateTime(conflict.createdAt)}</p>
      <div className="form-actions">
        {record ? (
          <button
            type="button"
            className="button button--primary"
            onClick={() => void applyConflictVersion(db, conflict.id).then((ok) => ok && notify({ message: t('sync.conflictApplied') }))}
          >
            {t('sync.useOther')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" onClick={() => void dismissConflict(db, conflict.id).then(() => notify({ message: t('sync.conflictDismissed') }))}>
          {t('sync.dismiss')}
        </button>
      </div>
    </article>
  );
}

/** Conflict copies and server notices (rejected edits, records brought back) until the teacher dismisses them. */
export function SyncIssues() {
  const { t } = useTranslation();
  const db = useDatabase();
  const conflicts = useLiveQuery(() => db.conflicts.toArray(), [db]);
  const notices = useLiveQuery(() => getNotices(db), [db]);
  if (!conflicts?.length && !notices?.length) return null;
  return (
    <section className="panel" aria-labelledby="sync-issues">
      <h2 id="sync-issues">{t('sync.issuesTitle')}</h2>
      {conflicts?.map((conflict) => <ConflictCard key={conflict.id} conflict={conflict} />)}
      {notices?.map((notice) => (
        <div key={notice.id} className="panel" role="note">
          <h3>{t('sync.noticeTitle')}</h3>
          <p>{notice.message}</p>
          <p className="field__hint">{formatDateTime(notice.at)}</p>
          <button type="button" className="button button--secondary" onClick={() => void dismissNotice(db, notice.id)}>
            {t('sync.dismiss')}
          </button>
        </div>
      ))}
    </section>
  );
}
