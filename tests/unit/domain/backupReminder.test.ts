import { describe, expect, it } from 'vitest';
import { backupAgeDays, BACKUP_REMINDER_DAYS, isBackupOverdue } from '../../../src/domain/backupReminder.ts';

const now = new Date('2024-03-20T08:00:00.000Z');

describe('backup reminder', () => {
  it('reminds after 14 days, not before', () => {
    expect(BACKUP_REMINDER_DAYS).toBe(14);
    expect(isBackupOverdue('2024-03-06T08:00:00.000Z', now)).toBe(false);
    expect(isBackupOverdue('2024-03-06T07:59:59.000Z', now)).toBe(true);
    expect(isBackupOverdue('2024-03-19T08:00:00.000Z', now)).toBe(false);
    expect(isBackupOverdue('2024-03-19T08:00:00.000Z', now, 0)).toBe(true);
  });
  it('reminds when there was never a backup or its time is unreadable', () => {
    expect(isBackupOverdue(null, now)).toBe(true);
    expect(isBackupOverdue(undefined, now)).toBe(true);
    expect(isBackupOverdue('garbage', now)).toBe(true);
  });
  it('counts whole days, never negative', () => {
    expect(backupAgeDays('2024-03-06T08:00:00.000Z', now)).toBe(14);
    expect(backupAgeDays('2024-03-05T08:00:00.000Z', '2024-03-20T08:00:00.000Z')).toBe(15);
    expect(backupAgeDays('2024-03-20T07:00:00.000Z', now)).toBe(0);
    expect(backupAgeDays('2024-04-01T00:00:00.000Z', now)).toBe(0);
    expect(backupAgeDays(null, now)).toBeNull();
    expect(backupAgeDays('garbage', now)).toBeNull();
  });
  it('a backup made in the future (wrong clock) is not overdue', () => {
    expect(isBackupOverdue('2025-01-01T00:00:00.000Z', now)).toBe(false);
  });
});
