import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { backupAgeDays, isBackupOverdue } from '../../../domain/backupReminder.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { getMeta } from '../../db/meta.ts';

/** Phones get lost and browsers evict data: an old (or missing) backup is worth a gentle nudge. */
export function BackupReminder() {
  const { t } = useTranslation();
  const db = useDatabase();
  const state = useLiveQuery(async () => {
    const [last, count] = await Promise.all([getMeta(db, 'lastBackupAt'), db.entries.count()]);
    return { last: last ?? null, count };
  }, [db]);
  if (!state) return null;
  // Never backed up and nothing written yet: nothing to lose, no nagging.
  if (!state.last && state.count === 0) return null;

  const now = new Date();
  if (!isBackupOverdue(state.last, now)) return null;
  const days = backupAgeDays(state.last, now);
  const message = days === null ? t('home.backupReminderNever') : t('home.backupReminderOld', { days });

  return (
    <aside className="banner" aria-label={t('settings.backup')}>
      <p>{message}</p>
      <Link to="/cai-dat#sao-luu" className="button button--light">
        {t('home.backupNow')}
      </Link>
    </aside>
  );
}
