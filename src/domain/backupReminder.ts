/**
 * When to remind the teacher to back up (issue #2: "a reminder when the last backup is older than
 * 14 days"). Kept apart from backup.ts so the home screen can use it without loading zod.
 */
export const BACKUP_REMINDER_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

function toMs(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}

/**
 * Whole days since the last backup, or null when there was none (or the stored time is unreadable).
 * A backup time in the future (the phone's clock was wrong) counts as 0 days, not negative.
 */
export function backupAgeDays(lastBackupAt: string | null | undefined, now: Date | string): number | null {
  if (!lastBackupAt) return null;
  const last = Date.parse(lastBackupAt);
  const current = toMs(now);
  if (Number.isNaN(last) || Number.isNaN(current)) return null;
  return Math.max(0, Math.floor((current - last) / DAY_MS));
}

/**
 * True when a backup is due: never made, unreadable, or older than `days` full days.
 * Whether there is anything worth backing up (any entry at all) is the caller's question.
 */
export function isBackupOverdue(lastBackupAt: string | null | undefined, now: Date | string, days = BACKUP_REMINDER_DAYS): boolean {
  if (!lastBackupAt) return true;
  const last = Date.parse(lastBackupAt);
  const current = toMs(now);
  if (Number.isNaN(last)) return true;
  return current - last > days * DAY_MS;
}
