import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { getMeta } from '../../db/meta.ts';

const REMIND_AFTER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Phones get lost and browsers evict data: an old (or missing) backup is worth a gentle nudge. */
export function BackupReminder() {
  const { t } = useTranslation();
  const db = useDatabase();
  const state = useLiveQuery(async () => {
    const [last, count] = await Promise.all([getMeta(db, 'lastBackupAt'), db.entries.count()]);
    return { last: last ?? null, count };
  }, [db]);
  if (!state) return null;

  let message: string | null = null;
  if (!state.last) {
    if (state.count > 0) message = t('home.backupReminderNever');
  } else {
    const days = Math.floor((Date.now() - Date.parse(state.last)) / DAY_MS);
    if (days > REMIND_AFTER_DAYS) message = t('home.backupReminderOld', { days });
  }
  if (!message) return null;

  return (
    <aside className="banner" aria-label={t('settings.backup')}>
      <p>{message}</p>
      <Link to="/cai-dat#sao-luu" className="button button--light">
        {t('home.backupNow')}
      </Link>
    </aside>
  );
}
