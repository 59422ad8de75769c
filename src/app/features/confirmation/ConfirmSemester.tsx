import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmationSchema, type Confirmation, type ConfirmerRole } from '../../../domain/confirmations.ts';
import type { SemesterCode } from '../../../domain/schoolYear.ts';
import type { ChangedRecord, ConfirmationSummary } from '../../../sync/leaderApi.ts';
import type { UserInfo } from '../../../sync/protocol.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { deleteForeignRecord, putForeignRecord, useForeignRecords } from '../../db/foreign.ts';
import { newId, nowIso } from '../../db/ids.ts';
import { registerMessages } from '../../i18n/lazyMessages.ts';
import { readMeta } from '../../sync/state.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';
import { confirmationEn, confirmationVi } from './messages.ts';
import './confirmation.css';

interface Props {
  scopeId: string;
  yearId: string;
  semester: SemesterCode;
  me: UserInfo;
  /** The server's view of the confirmations (with what changed after each); null offline or while loading. */
  summaries: ConfirmationSummary[] | null;
}

/** Ban giám hiệu confirm as 'hieuTruong'; a tổ trưởng as 'toTruong'. */
export function confirmerRole(me: UserInfo): ConfirmerRole {
  return me.roles.some((r) => r.role === 'leader' && r.department === '') ? 'hieuTruong' : 'toTruong';
}

function time(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * "Xác nhận" of a teacher's semester by a leader: a confirmations record in the teacher's logbook,
 * written on this device (offline too) with the revision of the logbook the device holds, and synced.
 * Shows every confirmation of the semester and, from the server, what changed after each.
 */
export function ConfirmSemester({ scopeId, yearId, semester, me, summaries }: Props) {
  registerMessages('confirmation', confirmationVi, confirmationEn);
  const { t } = useTranslation();
  const id = useId();
  const db = useDatabase();
  const notify = useNotify();
  const rows = useForeignRecords(scopeId, 'confirmations');
  const cursor = useLiveQuery(async () => ((await readMeta(db, 'sync.cursors')) ?? {})[scopeId] ?? null, [db, scopeId]);
  // The outbox is short (it empties at every sync): a scan is cheaper than an index for this one screen.
  const pending = useLiveQuery(() => db.outbox.filter((row) => row.table === 'confirmations' && row.scopeId === scopeId).toArray(), [db, scopeId]);
  const [remark, setRemark] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);

  const confirmations = (rows ?? [])
    .flatMap((row) => {
      const parsed = confirmationSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    })
    .filter((c) => c.schoolYearId === yearId && c.semester === semester)
    .sort((a, b) => b.confirmedAt.localeCompare(a.confirmedAt));
  const mine = confirmations.find((c) => c.authorUserId === me.id);
  const text = remark ?? mine?.remark ?? '';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (cursor == null) return setError(t('confirmation.notSynced'));
    const now = nowIso();
    const parsed = confirmationSchema.safeParse({
      id: mine?.id ?? newId(),
      schoolYearId: yearId,
      semester,
      authorUserId: me.id,
      authorName: me.fullName,
      authorRole: confirmerRole(me),
      remark: text,
      logbookRev: cursor,
      confirmedAt: now,
      updatedAt: now,
    });
    if (!parsed.success) return setError(t('confirmation.tooLong'));
    setSaving(true);
    try {
      await putForeignRecord(db, scopeId, 'confirmations', parsed.data);
      setRemark(null);
      notify({ message: t('confirmation.saved') });
    } catch (e) {
      setError(t('confirmation.failed', { message: t(storageErrorKey(e)) }));
    } finally {
      setSaving(false);
    }
  }

  async function withdraw() {
    setWithdrawing(false);
    if (!mine) return;
    try {
      await deleteForeignRecord(db, scopeId, 'confirmations', mine.id);
      notify({ message: t('confirmation.withdrawn') });
    } catch (e) {
      setError(t('confirmation.failed', { message: t(storageErrorKey(e)) }));
    }
  }

  return (
    <section className="panel logbook-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('confirmation.title')}</h2>
      {confirmations.length === 0 ? <p>{t('confirmation.none')}</p> : null}
      {confirmations.map((c) => (
        <ConfirmationItem
          key={c.id}
          confirmation={c}
          summary={summaries?.find((s) => s.id === c.id && s.logbookRev === c.logbookRev) ?? null}
          offline={summaries === null}
          pending={(pending ?? []).some((p) => p.recordId === c.id)}
        />
      ))}
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
        <Field id={`${id}-remark`} label={t('confirmation.remark')} hint={t('confirmation.remarkHint')} error={error ?? undefined}>
          <textarea rows={3} value={text} onChange={(e) => setRemark(e.target.value)} />
        </Field>
        <div className="admin-actions">
          <button type="submit" className="button button--primary" disabled={saving || cursor === undefined}>
            {mine ? t('confirmation.reconfirm') : t('confirmation.confirm')}
          </button>
          {mine ? (
            <button type="button" className="button button--secondary" onClick={() => setWithdrawing(true)}>
              {t('confirmation.withdraw')}
            </button>
          ) : null}
        </div>
      </form>
      <ConfirmDialog open={withdrawing} title={t('confirmation.withdrawTitle')} confirmLabel={t('confirmation.withdraw')} onCancel={() => setWithdrawing(false)} onConfirm={() => void withdraw()}>
        <p>{t('confirmation.withdrawBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function ConfirmationItem({ confirmation, summary, offline, pending }: { confirmation: Confirmation; summary: ConfirmationSummary | null; offline: boolean; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <article className={summary && summary.changedCount > 0 ? 'confirmation confirmation--edited' : 'confirmation'}>
      <h3>
        {t('confirmation.by', { role: t(`confirmation.role.${confirmation.authorRole}`), name: confirmation.authorName, date: time(confirmation.confirmedAt) })}
        {pending ? <span className="confirmation__pending"> · {t('confirmation.pending')}</span> : null}
      </h3>
      <p className="logbook-text">{confirmation.remark || t('confirmation.noRemark')}</p>
      {offline ? <p className="field__hint">{t('confirmation.checkOffline')}</p> : null}
      {summary && summary.changedCount === 0 ? <p>{t('confirmation.unchanged')}</p> : null}
      {summary && summary.changedCount > 0 ? <ChangedList summary={summary} /> : null}
    </article>
  );
}

function ChangedList({ summary }: { summary: ConfirmationSummary }) {
  const { t } = useTranslation();
  const id = useId();
  const label = (c: ChangedRecord) => {
    const text = c.table === 'reflections' ? (c.text === 'HK1' || c.text === 'HK2' ? t(`confirmation.reflectionPeriod.${c.text}`) : `${c.text.slice(5)}/${c.text.slice(0, 4)}`) : c.text;
    return [t(`confirmation.table.${c.table}`, { defaultValue: c.table }), c.date ? formatDate(c.date) : null, text].filter(Boolean).join(' · ');
  };
  return (
    <div className="confirmation__changes" role="group" aria-labelledby={`${id}-edited`}>
      <p id={`${id}-edited`}>
        <strong>{t('confirmation.edited', { count: summary.changedCount })}</strong>
      </p>
      <p>{t('confirmation.editedHint')}</p>
      <ul>
        {summary.changedAfter.map((c) => (
          <li key={`${c.table}:${c.id}`}>
            {label(c)} {c.deleted ? t('confirmation.deleted') : null} <span className="field__hint">({t('confirmation.changedAt', { time: time(c.changedAt) })})</span>
          </li>
        ))}
      </ul>
      {summary.changedCount > summary.changedAfter.length ? <p>{t('confirmation.more', { count: summary.changedCount - summary.changedAfter.length })}</p> : null}
    </div>
  );
}
