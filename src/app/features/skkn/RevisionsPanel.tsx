import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkknRevision, SkknSection } from '../../../domain/skkn.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { nameVersion, restoreRevision, revisionsOf } from '../../db/skkn.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useNotify } from '../../ui/Notices.tsx';
import { hasDifferences, revisionDiff } from './revisionDiff.ts';
import { revisionWords } from './wordCounts.ts';
import { formatDateTime } from '../../ui/format.ts';

const CURRENT = 'current';

/**
 * A section's revisions: name the current text, compare any two versions (the current text
 * included), restore one (the current text is kept as a revision first, so restoring loses nothing).
 */
export function RevisionsPanel({ section, beforeChange, afterChange }: { section: SkknSection; beforeChange: () => Promise<void>; afterChange: (content: string) => void }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const nameId = useId();
  const revisions = useLiveQuery(() => revisionsOf(db, section.id), [db, section.id]);
  const [name, setName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState(CURRENT);
  const [shown, setShown] = useState<{ from: string; to: string } | null>(null);
  const [restoring, setRestoring] = useState<SkknRevision | null>(null);

  const contentOf = (key: string) => (key === CURRENT ? section.content : (revisions?.find((r) => r.id === key)?.content ?? ''));
  const label = (revision: SkknRevision) => `${formatDateTime(revision.createdAt)} · ${t(`skkn.revisions.kind.${revision.kind}`)}${revision.name ? ` “${revision.name}”` : ''}`;
  const fromKey = from || revisions?.[0]?.id || '';
  // Recomputed only when the compared texts change (the section's own text changes with every save).
  const fromText = shown ? contentOf(shown.from) : '';
  const toText = shown ? contentOf(shown.to) : '';
  const rows = useMemo(() => (shown ? revisionDiff(fromText, toText) : null), [shown, fromText, toText]);

  return (
    <section className="panel skkn-revisions" aria-labelledby={`${nameId}-title`}>
      <h3 id={`${nameId}-title`}>{t('skkn.revisions.title')}</h3>
      <p className="field__hint">{t('skkn.revisions.intro')}</p>
      <form
        className="skkn-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void beforeChange()
            .then(() => nameVersion(db, section.id, name))
            .then((revision) => {
              notify({ message: t('skkn.revisions.named', { name: revision.name ?? '' }) });
              setName('');
            })
            .catch((error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' }));
        }}
      >
        <label htmlFor={nameId}>{t('skkn.revisions.name')}</label>
        <input id={nameId} value={name} maxLength={200} placeholder={t('skkn.revisions.nameHint')} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t('skkn.revisions.saveNamed')}
        </button>
      </form>
      {!revisions ? null : revisions.length === 0 ? (
        <p className="empty">{t('skkn.revisions.empty')}</p>
      ) : (
        <>
          <ul className="skkn-revision-list">
            {revisions.map((revision) => (
              <li key={revision.id}>
                <span>
                  {label(revision)} · {t('skkn.revisions.words', { count: revisionWords(revision) })}
                </span>
                <button type="button" className="button button--light" onClick={() => setRestoring(revision)}>
                  {t('skkn.revisions.restore')}{' '}
                  <span className="visually-hidden">{label(revision)}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="skkn-inline-form">
            <label>
              {t('skkn.revisions.compareFrom')}{' '}
              <select value={fromKey} onChange={(e) => setFrom(e.target.value)}>
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
                <option value={CURRENT}>{t('skkn.revisions.current')}</option>
              </select>
            </label>
            <label>
              {t('skkn.revisions.compareTo')}{' '}
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                <option value={CURRENT}>{t('skkn.revisions.current')}</option>
                {revisions.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button button--secondary" onClick={() => void beforeChange().then(() => setShown({ from: fromKey, to }))}>
              {t('skkn.revisions.compare')}
            </button>
          </div>
        </>
      )}
      {rows ? (
        <div className="skkn-diff" role="region" aria-label={t('skkn.revisions.diffTitle')}>
          <h4>{t('skkn.revisions.diffTitle')}</h4>
          {!hasDifferences(rows) ? (
            <p>{t('skkn.revisions.noDiff')}</p>
          ) : (
            rows.map((row, index) =>
              row.kind === 'same' ? (
                <p key={index} className="skkn-diff__same">
                  {t('skkn.revisions.unchanged', { count: row.count })}
                </p>
              ) : (
                <p key={index}>
                  {row.parts.map((part, k) =>
                    part.change === 'added' ? (
                      <ins key={k} title={t('skkn.revisions.added')}>
                        {part.text}
                      </ins>
                    ) : part.change === 'removed' ? (
                      <del key={k} title={t('skkn.revisions.removed')}>
                        {part.text}
                      </del>
                    ) : (
                      <span key={k}>{part.text}</span>
                    ),
                  )}
                </p>
              ),
            )
          )}
        </div>
      ) : null}
      <ConfirmDialog
        open={restoring !== null}
        title={restoring ? t('skkn.revisions.restoreTitle', { time: formatDateTime(restoring.createdAt) }) : ''}
        confirmLabel={t('skkn.revisions.restore')}
        onCancel={() => setRestoring(null)}
        onConfirm={() => {
          const revision = restoring;
          setRestoring(null);
          if (!revision) return;
          void beforeChange()
            .then(() => restoreRevision(db, revision.id))
            .then((content) => {
              if (content !== null) afterChange(content);
            })
            .then(() => notify({ message: t('skkn.revisions.restored', { time: formatDateTime(revision.createdAt) }) }))
            .catch((error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' }));
        }}
      >
        <p>{t('skkn.revisions.restoreBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
