import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { DEFAULT_OUTLINE_ID, headingNumbers, SKKN_OUTLINES } from '../../../domain/catalogs/skknOutlines.ts';
import { innovationTopicId } from '../../../domain/innovationTopic.ts';
import type { SchoolYear } from '../../../domain/records.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { createSkkn, deleteSkkn, listSkkn, undeleteSkkn, wordCounts } from '../../db/skkn.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Loading } from '../../ui/Loading.tsx';
import { formatDate, localized } from '../../ui/format.ts';
import { useNotify } from '../../ui/Notices.tsx';

/** The teacher's SKKN drafts (newest edit first) and the form that starts one from an outline template. */
export function SkknList({ year }: { year: SchoolYear }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const [, navigate] = useLocation();
  const drafts = useLiveQuery(async () => {
    const list = await listSkkn(db);
    const words = wordCounts(await db.skknSections.toArray()).bySection;
    return list.map((skkn) => ({ skkn, words: skkn.sections.reduce((sum, s) => sum + (words.get(s.id) ?? 0), 0) }));
  }, [db]);
  const profile = useLiveQuery(() => db.profile.get('profile'), [db]);
  const [title, setTitle] = useState('');
  const [outlineId, setOutlineId] = useState(DEFAULT_OUTLINE_ID);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const outlineName = useId();

  if (!drafts) return <Loading />;
  const missingTitle = title.trim() === '';
  const fail = (error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' });

  return (
    <>
      <p>{t('skkn.listIntro')}</p>
      {drafts.length === 0 ? (
        <p className="empty">{t('skkn.empty')}</p>
      ) : (
        <ul className="skkn-drafts">
          {drafts.map(({ skkn, words }) => (
            <li key={skkn.id} className="panel">
              <Link to={`/skkn/${skkn.id}`} className="skkn-drafts__link">
                {skkn.title || t('skkn.newTitle')}
              </Link>
              <p className="entry-card__meta">
                {t('skkn.words', { count: words })} · {t(`skkn.status.${skkn.status}`)} · {t('skkn.updated', { date: formatDate(skkn.updatedAt.slice(0, 10)) })}
              </p>
              <button type="button" className="button button--danger-outline" onClick={() => setRemoving(skkn.id)}>
                {t('skkn.delete')}{' '}
                <span className="visually-hidden">{skkn.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="panel skkn-create"
        aria-labelledby="skkn-create-title"
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (missingTitle || busy) return;
          setBusy(true);
          void db.innovationTopics
            .get(innovationTopicId(year.id))
            .then((topic) =>
              createSkkn(db, {
                outlineId,
                schoolYearId: year.id,
                title,
                authorName: profile?.fullName ?? '',
                unit: profile?.school ?? '',
                department: profile?.department ?? '',
                position: profile?.position ?? '',
                innovationTopicId: topic?.id ?? null,
              }),
            )
            .then((skkn) => navigate(`/skkn/${skkn.id}`), (error: unknown) => notify({ message: t('skkn.createFailed', { message: t(storageErrorKey(error)) }), tone: 'error' }))
            .finally(() => setBusy(false));
        }}
      >
        <h2 id="skkn-create-title">{t('skkn.newTitle')}</h2>
        <Field id="skkn-new-title" label={t('skkn.titleLabel')} hint={t('skkn.titleHint')} error={tried && missingTitle ? t('skkn.titleRequired') : undefined}>
          <input value={title} maxLength={500} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <fieldset>
          <legend>{t('skkn.outline')}</legend>
          {SKKN_OUTLINES.map((outline) => {
            const numbers = headingNumbers(outline.sections);
            return (
              <label key={outline.id} className="skkn-outline-choice">
                <input type="radio" name={outlineName} value={outline.id} checked={outlineId === outline.id} onChange={() => setOutlineId(outline.id)} />
                <span>
                  <strong>{localized(outline.name)}</strong>
                  <br />
                  <span className="field__hint">{localized(outline.description)}</span>
                  <br />
                  <span className="field__hint">
                    {outline.sections
                      .map((s, i) => ({ s, n: numbers[i] }))
                      .filter(({ s }) => s.level === 1)
                      .map(({ s, n }) => `${n} ${s.title}`.trim())
                      .join(' · ')}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('skkn.creating') : t('skkn.create')}
        </button>
      </form>
      <ConfirmDialog
        open={removing !== null}
        title={t('skkn.deleteTitle', { title: drafts.find((d) => d.skkn.id === removing)?.skkn.title ?? '' })}
        confirmLabel={t('skkn.delete')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const id = removing;
          setRemoving(null);
          if (!id) return;
          void deleteSkkn(db, id).then((deleted) => {
            if (deleted) notify({ message: t('skkn.deleted', { title: deleted.skkn.title }), action: { label: t('skkn.outlinePanel.undo'), run: () => void undeleteSkkn(db, deleted).catch(fail) } });
          }, fail);
        }}
      >
        <p>{t('skkn.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}
