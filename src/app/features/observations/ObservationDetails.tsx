import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnnotationAnchor } from '../../../domain/annotations.ts';
import { OBSERVATION_PURPOSE_LABELS } from '../../../domain/catalogs/observationPurposes.ts';
import { findRubric } from '../../../domain/catalogs/rubrics.ts';
import { outOfOrderRows, scoreSummary } from '../../../domain/observationRules.ts';
import type { Observation } from '../../../domain/observations.ts';
import { formatDate, formatPeriods, localized } from '../../ui/format.ts';

interface Props {
  observation: Observation;
  /** Annotation threads for a part of the observation (composed by the route from the annotations feature). */
  renderNotes?: (anchor: AnnotationAnchor) => ReactNode;
}

/** An observation as read (the observed teacher's copy, a mentee's record, or one's own before editing). */
export function ObservationDetails({ observation: o, renderNotes }: Props) {
  const { t } = useTranslation();
  const rubric = findRubric(o.rubricId, o.rubricVersion);
  const flagged = outOfOrderRows(o.timeline);
  const purpose = OBSERVATION_PURPOSE_LABELS.find((p) => p.code === o.purpose);
  const summary = rubric?.scoring === 'points20' ? scoreSummary(rubric, o.criterionScores) : null;
  const rating = rubric?.ratings.find((r) => r.code === o.rating);
  const remarks = [
    ['strengths', o.strengths],
    ['weaknesses', o.weaknesses],
    ['lessonsLearned', o.lessonsLearned],
  ] as const;

  return (
    <article className="observation-details">
      <dl className="observation-details__header">
        <div>
          <dt>{t('observations.date')}</dt>
          <dd>{formatDate(o.date)}</dd>
        </div>
        <div>
          <dt>{t('observations.lessonPeriod')}</dt>
          <dd>{o.lessonPeriod || '—'}</dd>
        </div>
        <div>
          <dt>{t('observations.className')}</dt>
          <dd>{o.className}</dd>
        </div>
        <div>
          <dt>{t('observations.subject')}</dt>
          <dd>{o.subject}</dd>
        </div>
        <div>
          <dt>{t('observations.lessonTitle')}</dt>
          <dd>{o.lessonTitle || '—'}</dd>
        </div>
        <div>
          <dt>{t('observations.teacher')}</dt>
          <dd>{o.teacherName}</dd>
        </div>
        <div>
          <dt>{t('observations.observers')}</dt>
          <dd>{o.observers || '—'}</dd>
        </div>
        <div>
          <dt>{t('observations.purpose')}</dt>
          <dd>{purpose ? localized(purpose.label) : o.purpose}</dd>
        </div>
      </dl>
      {renderNotes ? <section aria-label={t('observations.wholeNotes')}>{renderNotes({ kind: 'whole' })}</section> : null}

      <section className="panel" aria-labelledby="obs-view-timeline">
        <h2 id="obs-view-timeline">{t('observations.timeline')}</h2>
        {o.timeline.length === 0 ? (
          <p className="empty">{t('observations.timelineEmpty')}</p>
        ) : (
          <ol className="timeline__rows timeline__rows--read">
            {o.timeline.map((row, index) => (
              <li key={row.id} className={flagged.has(row.id) ? 'timeline__row timeline__row--flagged' : 'timeline__row'}>
                <p>
                  <strong>{row.time || '—'}</strong> {row.activity}
                </p>
                {row.note ? <p className="timeline__note-text">{row.note}</p> : null}
                {flagged.has(row.id) ? <p className="timeline__flag">{t('observations.outOfOrder')}</p> : null}
                {renderNotes ? renderNotes({ kind: 'timelineRow', rowId: row.id }) : null}
                <span className="visually-hidden">{t('observations.rowLabel', { number: index + 1 })}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="panel" aria-labelledby="obs-view-rubric">
        <h2 id="obs-view-rubric">{t('observations.rubric')}</h2>
        {rubric ? (
          <>
            <p className="field__hint">{t('observations.rubricName', { name: localized(rubric.label), version: rubric.version })}</p>
            {rubric.groups.map((group) => (
              <section key={group.code} className="rubric__group">
                <h3>{localized(group.label)}</h3>
                {group.criteria.map((c) => (
                  <div key={c.code} className="rubric__criterion">
                    <p className="rubric__label">
                      <span className="rubric__code">{c.code}.</span> {localized(c.label)}
                      {summary && o.criterionScores[c.code] !== undefined ? <strong> — {formatPeriods(o.criterionScores[c.code]!)}</strong> : null}
                    </p>
                    {o.criterionComments[c.code] ? <p className="rubric__comment">{o.criterionComments[c.code]}</p> : null}
                    {renderNotes ? renderNotes({ kind: 'criterion', code: c.code }) : null}
                  </div>
                ))}
              </section>
            ))}
            {summary ? (
              <p className="rubric__total">
                {summary.complete
                  ? t('observations.total', { total: formatPeriods(summary.total), max: formatPeriods(summary.max) })
                  : t('observations.totalIncomplete', { total: formatPeriods(summary.total), max: formatPeriods(summary.max), scored: summary.scored, criteria: summary.criteria })}
              </p>
            ) : null}
            <p>
              {t('observations.rating')}: <strong>{rating ? localized(rating.label) : t('observations.ratingNone')}</strong>
            </p>
          </>
        ) : (
          <p className="banner">{t('observations.rubricUnknown', { id: o.rubricId, version: o.rubricVersion })}</p>
        )}
      </section>

      {remarks.map(([field, text]) => (
        <section key={field} className="panel" aria-labelledby={`obs-view-${field}`}>
          <h2 id={`obs-view-${field}`}>{t(`observations.${field}`)}</h2>
          <p className="preserve-lines">{text || '—'}</p>
        </section>
      ))}
    </article>
  );
}
