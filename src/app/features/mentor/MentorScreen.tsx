import { Link } from 'wouter';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';

export interface MenteeSummary {
  scopeId: string;
  name: string;
  observationsThisSemester: number;
  waitingForMe: number;
  waitingForThem: number;
  /** Replies to the mentor's notes she has not opened yet (on any of her devices). */
  unreadReplies: number;
  lastSyncAt: string | null;
}

/** "Người được kèm cặp": each mentee with this semester's observations, new replies, open threads and last sync. */
export function MentorScreen({ mentees }: { mentees: readonly MenteeSummary[] }) {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('mentor.intro')}</p>
      {mentees.length === 0 ? (
        <p className="empty">{t('mentor.none')}</p>
      ) : (
        <ul className="observation-list">
          {mentees.map((m) => (
            <li key={m.scopeId} className={m.waitingForMe > 0 || m.unreadReplies > 0 ? 'observation-item observation-item--unread' : 'observation-item'}>
              <Link
                to={`/kem-cap/${encodeURIComponent(m.scopeId)}`}
                className="observation-item__link"
                aria-label={t('mentor.open', { name: m.name })}
                aria-describedby={m.unreadReplies > 0 ? `unread-${m.scopeId}` : undefined}
              >
                <span className="observation-item__title">{m.name}</span>
                {m.unreadReplies > 0 ? (
                  <span className="badge" id={`unread-${m.scopeId}`}>
                    {t('mentor.unreadReplies', { count: m.unreadReplies })}
                  </span>
                ) : null}
                <span className="observation-item__meta">{t('mentor.observationsThisSemester', { count: m.observationsThisSemester })}</span>
                <span className="observation-item__meta">{t('mentor.waitingForMe', { count: m.waitingForMe })}</span>
                <span className="observation-item__meta">{t('mentor.waitingForThem', { count: m.waitingForThem })}</span>
                <span className="observation-item__meta">{m.lastSyncAt ? t('mentor.lastSync', { time: formatDateTime(m.lastSyncAt) }) : t('mentor.neverSynced')}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
