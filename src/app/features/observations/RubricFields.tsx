import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rubric, RubricCriterion } from '../../../domain/catalogs/rubrics.ts';
import { observationRating, scoreSummary, type RatingThresholds } from '../../../domain/observationRules.ts';
import { formatPeriods, localized } from '../../ui/format.ts';

interface Props {
  rubric: Rubric;
  comments: Record<string, string>;
  scores: Record<string, number>;
  rating: string;
  thresholds: RatingThresholds;
  onComment: (code: string, text: string) => void;
  onScore: (code: string, score: number | null) => void;
  onRating: (rating: string) => void;
}

/** Nhận xét per criterion of the observation's rubric version; scores, total and rating for the 20-point sheet. */
// Memoised: typing in the timeline (most keystrokes during a lesson) does not re-render the criteria.
export const RubricFields = memo(function RubricFields({ rubric, comments, scores, rating, thresholds, onComment, onScore, onRating }: Props) {
  const { t } = useTranslation();
  const scored = rubric.scoring === 'points20';
  const summary = scoreSummary(rubric, scores);
  const computed = observationRating(rubric, scores, rating || null, thresholds);
  const ratingLabel = (code: string | null) => {
    const level = rubric.ratings.find((r) => r.code === code);
    return level ? localized(level.label) : t('observations.ratingNone');
  };
  return (
    <section className="rubric" aria-labelledby="obs-rubric-heading">
      <h2 id="obs-rubric-heading">{t('observations.rubric')}</h2>
      <p className="field__hint">{t('observations.rubricName', { name: localized(rubric.label), version: rubric.version })}</p>
      {rubric.groups.map((group) => (
        <fieldset key={group.code} className="rubric__group">
          <legend>{localized(group.label)}</legend>
          {group.criteria.map((criterion) => (
            <CriterionField
              key={criterion.code}
              criterion={criterion}
              comment={comments[criterion.code] ?? ''}
              score={scored ? (scores[criterion.code] ?? null) : undefined}
              steps={rubric.scoreSteps}
              onComment={onComment}
              onScore={onScore}
            />
          ))}
        </fieldset>
      ))}
      {scored ? (
        <p className="rubric__total" role="status">
          {summary.complete
            ? t('observations.total', { total: formatPeriods(summary.total), max: formatPeriods(summary.max) })
            : t('observations.totalIncomplete', { total: formatPeriods(summary.total), max: formatPeriods(summary.max), scored: summary.scored, criteria: summary.criteria })}
          {' · '}
          {t('observations.ratingComputed', { rating: ratingLabel(computed) })}
        </p>
      ) : (
        <div className="field">
          <label htmlFor="obs-rating">{t('observations.rating')}</label>
          <select id="obs-rating" value={rating} onChange={(e) => onRating(e.target.value)}>
            <option value="">{t('observations.ratingNone')}</option>
            {rubric.ratings.map((r) => (
              <option key={r.code} value={r.code}>
                {localized(r.label)}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
});

interface CriterionProps {
  criterion: RubricCriterion;
  comment: string;
  /** undefined: the rubric is not scored; null: not scored yet. */
  score: number | null | undefined;
  steps: readonly number[];
  onComment: (code: string, text: string) => void;
  onScore: (code: string, score: number | null) => void;
}

const CriterionField = memo(function CriterionField({ criterion, comment, score, steps, onComment, onScore }: CriterionProps) {
  const { t } = useTranslation();
  const id = `obs-criterion-${criterion.code.replace(/\W/g, '_')}`;
  return (
    <div className="rubric__criterion">
      <p className="rubric__label" id={`${id}-label`}>
        <span className="rubric__code">{criterion.code}.</span> {localized(criterion.label)}
      </p>
      <div className="rubric__inputs">
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('observations.comment')}</label>
          <textarea id={`${id}-comment`} rows={2} value={comment} aria-describedby={`${id}-label`} onChange={(e) => onComment(criterion.code, e.target.value)} />
        </div>
        {score !== undefined ? (
          <div className="field rubric__score">
            <label htmlFor={`${id}-score`}>{t('observations.score')}</label>
            <select
              id={`${id}-score`}
              value={score === null ? '' : String(score)}
              aria-describedby={`${id}-label`}
              onChange={(e) => onScore(criterion.code, e.target.value === '' ? null : Number(e.target.value))}
            >
              <option value="">{t('observations.noScore')}</option>
              {steps.map((step) => (
                <option key={step} value={String(step)}>
                  {formatPeriods(step)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
    </div>
  );
});
