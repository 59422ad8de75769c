import { useTranslation } from 'react-i18next';
import { useSyncRuntime, useSyncStatus } from './useSync.ts';
import './sync.css';
import { formatDateTime } from '../../ui/format.ts';

/** Compact status for the app header: phase, unsynced count, last successful sync. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  if (status.phase === 'not-connected' && status.pending === 0) return null;
  const parts = [t(`sync.phase.${status.phase}`)];
  if (status.pending > 0) parts.push(t('sync.pending', { count: status.pending }));
  const last = status.lastSyncedAt ? t('sync.lastSynced', { time: formatDateTime(status.lastSyncedAt) }) : t('sync.neverSynced');
  return (
    <div className={`sync-indicator sync-indicator--${status.phase}`} role="status" aria-live="polite" aria-label={t('sync.indicatorLabel')} title={last}>
      <span className="sync-indicator__dot" aria-hidden="true" />
      <span className="sync-indicator__text">{parts.join(' · ')}</span>
      <span className="sync-indicator__time">{last}</span>
    </div>
  );
}

/** Starts sync triggers while mounted (once, in the layout). */
export function SyncRuntime() {
  useSyncRuntime();
  return null;
}
