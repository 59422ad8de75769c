import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { exportBackup, importBackup, markBackedUp } from '../../db/backup.ts';
import { storageErrorKey } from '../../db/errors.ts';
import { getMeta } from '../../db/meta.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { formatDateTime, todayIso } from '../../ui/format.ts';
import { downloadFile } from './downloadFile.ts';

type Outcome = { tone: 'ok' | 'error'; message: string } | null;

export function BackupPanel() {
  const { t } = useTranslation();
  const db = useDatabase();
  const lastBackupAt = useLiveQuery(async () => (await getMeta(db, 'lastBackupAt')) ?? null, [db]);
  const [pending, setPending] = useState<{ name: string; text: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  async function download() {
    setBusy(true);
    setOutcome(null);
    try {
      const backup = await exportBackup(db);
      downloadFile(`so-boi-duong-${todayIso()}.json`, JSON.stringify(backup), 'application/json');
      await markBackedUp(db);
      setOutcome({ tone: 'ok', message: t('settings.downloaded') });
    } catch (err) {
      setOutcome({ tone: 'error', message: t(storageErrorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  async function chooseFile(file: File | undefined) {
    setOutcome(null);
    if (!file) return;
    try {
      setPending({ name: file.name, text: await file.text() });
    } catch {
      setOutcome({ tone: 'error', message: t('backup.notJson') });
    }
  }

  function closeDialog() {
    setPending(null);
    if (fileRef.current) fileRef.current.value = '';
  }

  async function restore() {
    if (!pending) return;
    const { text } = pending;
    closeDialog();
    setBusy(true);
    try {
      const result = await importBackup(db, text);
      setOutcome(
        result.ok
          ? { tone: 'ok', message: t('settings.restored', { entries: result.counts.entries, years: result.counts.schoolYears, reflections: result.counts.reflections }) }
          : { tone: 'error', message: t(result.error) },
      );
    } catch (err) {
      setOutcome({ tone: 'error', message: t(storageErrorKey(err)) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="backup">
      <p>{t('settings.backupHint')}</p>
      <p className="subtotal">
        {lastBackupAt ? t('settings.lastBackup', { date: formatDateTime(lastBackupAt) }) : lastBackupAt === null ? t('settings.neverBackedUp') : ''}
      </p>
      <p>
        <button type="button" className="button button--primary" onClick={() => void download()} disabled={busy}>
          {t('settings.download')}
        </button>
      </p>
      <div className="field">
        <label htmlFor="restore-file">{t('settings.restore')}</label>
        <input ref={fileRef} id="restore-file" type="file" accept=".json,application/json" disabled={busy} onChange={(event) => void chooseFile(event.target.files?.[0])} />
      </div>
      <div aria-live="polite">
        {outcome ? (
          <p className={outcome.tone === 'ok' ? 'form-ok' : 'form-error'} role={outcome.tone === 'ok' ? 'status' : 'alert'}>
            {outcome.message}
          </p>
        ) : null}
      </div>
      <ConfirmDialog open={pending !== null} title={t('settings.confirmTitle')} confirmLabel={t('settings.confirmRestore')} onConfirm={() => void restore()} onCancel={closeDialog}>
        <p>{t('settings.confirmBody', { name: pending?.name ?? '' })}</p>
      </ConfirmDialog>
    </div>
  );
}
