import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schoolYearLabel } from '../../../domain/schoolYear.ts';
import type { UserInfo } from '../../../sync/protocol.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useNotify } from '../../ui/Notices.tsx';
import { adminErrorText, type AdminClient } from './adminClient.ts';
import { UserSelect } from './UserSelect.tsx';

type PairAction = { kind: 'add' | 'remove'; mentorId: string; teacherId: string; year: number };

/**
 * "Cặp hướng dẫn" per school year: the admin picks a year (the current one first), sees its pairs,
 * adds or removes one, or copies the year before's pairs into it. Only the current year's pairs let
 * a mentor read (docs/api.md); other years are kept for the record and for preparing the next one.
 */
export function Mentorships({ users, client }: { users: UserInfo[]; client: AdminClient }) {
  const { t } = useTranslation();
  const id = useId();
  const notify = useNotify();
  const queries = useQueryClient();
  const [chosenYear, setChosenYear] = useState<number | undefined>(undefined);
  const [mentorId, setMentorId] = useState('');
  const [teacherId, setTeacherId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Omit<PairAction, 'kind'> | null>(null);
  const pairs = useQuery({
    queryKey: ['admin', 'mentorships', client.api.baseUrl, client.token, chosenYear ?? 'current'],
    queryFn: () => client.api.listMentorships(client.token, chosenYear),
  });
  const mentors = users.filter((u) => u.active && u.roles.some((r) => r.role === 'mentor'));
  const teachers = users.filter((u) => u.active && u.roles.some((r) => r.role === 'teacher'));
  const nameOf = (userId: string) => users.find((u) => u.id === userId)?.fullName ?? userId;
  const year = pairs.data?.year ?? chosenYear;
  const currentYear = pairs.data?.currentYear;
  // The years with pairs, the current one, the one before (to look back) and the next (to prepare it).
  const years = currentYear === undefined ? [] : [...new Set([currentYear + 1, ...(pairs.data?.years ?? []), currentYear, currentYear - 1])].sort((a, b) => b - a);
  const yearName = (y: number) => (y === currentYear ? t('admin.pairsCurrentYear', { label: schoolYearLabel(y) }) : t('admin.pairsYear', { label: schoolYearLabel(y) }));

  const pair = useMutation({
    mutationFn: async (action: PairAction) => {
      if (action.kind === 'add') await client.api.addMentorship(client.token, action.mentorId, action.teacherId, action.year);
      else await client.api.removeMentorship(client.token, action.mentorId, action.teacherId, action.year);
      return action;
    },
    onMutate: () => setError(null),
    onError: (e) => setError(adminErrorText(e, t)),
    onSuccess: ({ kind, mentorId, teacherId, year: y }) => {
      const names = { mentor: nameOf(mentorId), teacher: nameOf(teacherId), label: schoolYearLabel(y) };
      notify({ message: t(kind === 'add' ? 'admin.pairAdded' : 'admin.pairRemoved', names) });
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ['admin', 'mentorships'] }),
  });
  const copy = useMutation({
    mutationFn: (to: number) => client.api.copyMentorships(client.token, { from: to - 1, to }),
    onMutate: () => setError(null),
    onError: (e) => setError(adminErrorText(e, t)),
    onSuccess: (result) => notify({ message: t('admin.pairsCopied', { count: result.copied, from: schoolYearLabel(result.from), to: schoolYearLabel(result.to) }) }),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['admin', 'mentorships'] }),
  });
  const busy = pair.isPending || copy.isPending;

  function check(): boolean {
    if (!mentorId || !teacherId) return setError(t('admin.pairRequired')), false;
    if (mentorId === teacherId) return setError(t('admin.pairSame')), false;
    return true;
  }

  const list = pairs.data?.mentorships ?? [];
  return (
    <section className="panel" id="cap-huong-dan" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.mentorships')}</h2>
      <p className="field__hint">{t('admin.mentorshipsHint')}</p>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('admin.pairsYearLabel')}</label>
        <select id={`${id}-year`} value={year ?? ''} disabled={years.length === 0} onChange={(e) => setChosenYear(Number(e.target.value))}>
          {years.map((y) => (
            <option key={y} value={y}>
              {yearName(y)}
            </option>
          ))}
        </select>
      </div>
      {year !== undefined && currentYear !== undefined && year !== currentYear ? <p className="field__hint">{t(year > currentYear ? 'admin.pairsFutureHint' : 'admin.pairsPastHint')}</p> : null}
      <h3>{year !== undefined ? t('admin.pairsListOf', { label: schoolYearLabel(year) }) : t('admin.pairsList')}</h3>
      {pairs.isPending ? <p role="status">{t('admin.loading')}</p> : null}
      {pairs.isError ? (
        <p role="alert" className="field__error">
          {adminErrorText(pairs.error, t)}
        </p>
      ) : null}
      {pairs.data && list.length === 0 ? <p>{t('admin.noPairs')}</p> : null}
      <ul className="admin-pairs">
        {list.map((p) => (
          <li key={`${p.mentorId}-${p.teacherId}`}>
            <span>
              {p.mentorName} → {p.teacherName}
            </span>
            <button
              type="button"
              className="button button--secondary"
              aria-label={t('admin.removePairOf', { mentor: p.mentorName, teacher: p.teacherName })}
              disabled={busy}
              onClick={() => setRemoving({ mentorId: p.mentorId, teacherId: p.teacherId, year: p.year })}
            >
              {t('admin.removePair')}
            </button>
          </li>
        ))}
      </ul>
      {year !== undefined && pairs.data ? (
        <div className="admin-actions">
          <button type="button" className="button button--secondary" disabled={busy || !pairs.data.years.includes(year - 1)} onClick={() => copy.mutate(year)}>
            {t('admin.copyPairs', { from: schoolYearLabel(year - 1) })}
          </button>
        </div>
      ) : null}
      <h3>{t('admin.addPairTitle')}</h3>
      <div className="field-row">
        <UserSelect id={`${id}-mentor`} label={t('admin.mentor')} emptyLabel={t('admin.choose')} users={mentors} value={mentorId} onChange={setMentorId} />
        <UserSelect id={`${id}-teacher`} label={t('admin.teacher')} emptyLabel={t('admin.choose')} users={teachers} value={teacherId} onChange={setTeacherId} />
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="admin-actions">
        <button type="button" className="button button--primary" disabled={busy || year === undefined} onClick={() => year !== undefined && check() && pair.mutate({ kind: 'add', mentorId, teacherId, year })}>
          {t('admin.addPair')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy || year === undefined} onClick={() => year !== undefined && check() && setRemoving({ mentorId, teacherId, year })}>
          {t('admin.removePair')}
        </button>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={t('admin.removePairTitle')}
        confirmLabel={t('admin.removePair')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const target = removing;
          setRemoving(null);
          if (target) pair.mutate({ kind: 'remove', ...target });
        }}
      >
        <p>{removing ? t(removing.year === currentYear ? 'admin.removePairBody' : 'admin.removePairBodyOtherYear', { mentor: nameOf(removing.mentorId), teacher: nameOf(removing.teacherId), label: schoolYearLabel(removing.year) }) : null}</p>
      </ConfirmDialog>
    </section>
  );
}
