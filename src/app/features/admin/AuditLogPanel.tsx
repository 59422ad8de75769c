import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditEntry, type AuditQuery } from '../../../sync/leaderApi.ts';
import type { UserInfo } from '../../../sync/protocol.ts';
import { formatDateTime } from '../../ui/format.ts';
import { adminErrorText, type AdminClient } from './adminClient.ts';
import { UserSelect } from './UserSelect.tsx';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import { DateInput } from '../../ui/DateInput.tsx';

/** A one-line, human summary of an entry's detail (roles before → after, the semester confirmed…). */
function useDetailText() {
  const { t } = useTranslation();
  const role = (r: { role: string; department: string }) =>
    r.role === 'leader' ? (r.department ? t('admin.leaderOf', { department: r.department }) : t('admin.principal')) : t(`admin.role.${r.role}`);
  return (entry: AuditEntry): string => {
    const d = entry.detail;
    switch (entry.action) {
      case 'user.roles': {
        const list = (v: unknown) => (Array.isArray(v) ? (v as Array<{ role: string; department: string }>).map(role).join(', ') : '');
        return `${list(d.from)} → ${list(d.to)}`;
      }
      case 'user.update':
      case 'settings.update':
        return Object.entries(d)
          .map(([key, change]) => {
            const c = change as { from: unknown; to: unknown };
            const show = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v) : String(v));
            return `${t(`admin.audit.field.${key}`, { defaultValue: key })}: ${show(c.from) || '—'} → ${show(c.to) || '—'}`;
          })
          .join('; ');
      case 'login.failed':
        return t(`admin.audit.reason.${String(d.reason)}`, { defaultValue: String(d.reason) });
      case 'confirmation.put':
      case 'confirmation.delete':
        return t('admin.audit.confirmation', { semester: String(d.semester), year: String(d.schoolYearId) });
      case 'export':
        return t('admin.audit.export', { semester: String(d.semester), year: Number(d.year), count: Number(d.teachers), department: d.department ? String(d.department) : t('admin.audit.wholeSchool') });
      case 'mentorship.add':
      case 'mentorship.remove':
        return typeof d.year === 'number' ? t('admin.audit.mentorOfYear', { name: String(d.mentorName ?? ''), label: schoolYearLabel(d.year) }) : t('admin.audit.mentor', { name: String(d.mentorName ?? '') });
      case 'mentorship.copy':
        return t('admin.audit.mentorCopy', { count: Number(d.copied), from: schoolYearLabel(Number(d.from)), to: schoolYearLabel(Number(d.to)) });
      case 'user.create':
        return String(d.username ?? '');
      default:
        return '';
    }
  };
}

/** "Nhật ký": who did what and when, newest first, filterable; entries can never be changed. */
export function AuditLogPanel({ client, users }: { client: AdminClient; users: UserInfo[] }) {
  const { t } = useTranslation();
  const id = useId();
  const detailText = useDetailText();
  const [form, setForm] = useState<{ action: string; userId: string; from: string; to: string }>({ action: '', userId: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditQuery>({});
  const [error, setError] = useState<string | null>(null);
  const log = useInfiniteQuery({
    queryKey: ['admin', 'audit', client.api.baseUrl, client.token, filter],
    queryFn: ({ pageParam }) => client.api.listAudit(client.token, { ...filter, limit: 30, ...(pageParam ? { before: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

  function apply(event: FormEvent) {
    event.preventDefault();
    if (form.from && form.to && form.from > form.to) return setError(t('admin.audit.dateOrder'));
    setError(null);
    const next: AuditQuery = {};
    if (form.action) next.action = form.action as AuditQuery['action'];
    if (form.userId) next.userId = form.userId;
    if (form.from) next.from = form.from;
    if (form.to) next.to = form.to;
    setFilter(next);
  }

  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <section className="panel" id="nhat-ky" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.audit.title')}</h2>
      <p className="field__hint">{t('admin.audit.hint')}</p>
      <form onSubmit={apply} noValidate aria-label={t('admin.audit.filter')}>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-action`}>{t('admin.audit.action')}</label>
            <select id={`${id}-action`} value={form.action} onChange={(e) => setForm({ ...form, action: e.target.value })}>
              <option value="">{t('admin.audit.allActions')}</option>
              {AUDIT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`admin.audit.actions.${a.replace('.', '_')}`)}
                </option>
              ))}
            </select>
          </div>
          <UserSelect id={`${id}-user`} label={t('admin.audit.user')} emptyLabel={t('admin.audit.allUsers')} users={users} value={form.userId} onChange={(userId) => setForm({ ...form, userId })} />
        </div>
        <div className="field-row">
          <div className={error ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-from`}>{t('admin.audit.from')}</label>
            <DateInput id={`${id}-from`} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} aria-describedby={error ? `${id}-date-error` : undefined} aria-invalid={error ? true : undefined} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('admin.audit.to')}</label>
            <DateInput id={`${id}-to`} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
          </div>
        </div>
        {error ? (
          <p id={`${id}-date-error`} className="field__error">
            {error}
          </p>
        ) : null}
        <div className="admin-actions">
          <button type="submit" className="button button--secondary">
            {t('admin.audit.apply')}
          </button>
        </div>
      </form>
      {log.isPending ? <p role="status">{t('admin.loading')}</p> : null}
      {log.isError ? (
        <p role="alert" className="field__error">
          {adminErrorText(log.error, t)}
        </p>
      ) : null}
      {log.data && entries.length === 0 ? <p>{t('admin.audit.empty')}</p> : null}
      {entries.length > 0 ? (
        <div className="admin-audit" role="region" aria-label={t('admin.audit.table')} tabIndex={0}>
          <table>
            <caption className="visually-hidden">{t('admin.audit.table')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.at')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.target')}</th>
                <th scope="col">{t('admin.audit.detail')}</th>
                <th scope="col">{t('admin.audit.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.at, true)}</td>
                  <td>{t(`admin.audit.actions.${e.action.replace('.', '_')}`)}</td>
                  <td>{e.actorName || '—'}</td>
                  <td>{e.targetName || '—'}</td>
                  <td>{detailText(e)}</td>
                  <td>{e.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {log.hasNextPage ? (
        <button type="button" className="button button--secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {t('admin.audit.more')}
        </button>
      ) : null}
    </section>
  );
}
