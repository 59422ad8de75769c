import { useLiveQuery } from 'dexie-react-hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { combineBlocks, htmlToText } from '../../../domain/richTextBlocks.ts';
import type { SkknSection } from '../../../domain/skkn.ts';
import type { ConflictCopy } from '../../../sync/tables.ts';
import { useDatabase } from '../../db/DatabaseContext.tsx';
import { storageErrorKey } from '../../db/errors.ts';
import { resolveSectionConflict } from '../../db/skkn.ts';
import { useNotify } from '../../ui/Notices.tsx';

/**
 * Conflict copies of a section (the same paragraphs edited on two devices; the server merged the
 * rest): the section's text and the other device's side by side, as readable text. Keep, use the
 * other, or put both into the section to finish by hand in the editor. The replaced text always
 * stays in the revision history.
 */
interface Props {
  section: SkknSection;
  beforeChange: () => Promise<void>;
  afterChange: (content: string) => void;
}

export function SectionConflicts({ section, beforeChange, afterChange }: Props) {
  const db = useDatabase();
  const conflicts = useLiveQuery(async () => (await db.conflicts.where('recordId').equals(section.id).toArray()).filter((c) => c.table === 'skknSections' && typeof c.fields.content === 'string'), [db, section.id]);
  if (!conflicts?.length) return null;
  return (
    <>
      {conflicts.map((conflict) => (
        <ConflictNotice key={conflict.id} conflict={conflict} section={section} beforeChange={beforeChange} afterChange={afterChange} />
      ))}
    </>
  );
}

function ConflictNotice({ conflict, section, beforeChange, afterChange }: Props & { conflict: ConflictCopy }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const notify = useNotify();
  const titleId = useId();
  const other = conflict.fields.content ?? '';
  const resolve = (content: string | null) =>
    void beforeChange()
      .then(() => resolveSectionConflict(db, conflict.id, content))
      .then((written) => {
        if (written !== null) afterChange(written);
      })
      .then(() => notify({ message: t('skkn.conflict.done') }))
      .catch((error: unknown) => notify({ message: t(storageErrorKey(error)), tone: 'error' }));
  return (
    <section className="banner skkn-conflict" role="region" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('skkn.conflict.title')}</h3>
      <p>{t('skkn.conflict.body')}</p>
      <div className="grid-2">
        <div>
          <h4>{t('skkn.conflict.kept')}</h4>
          <div className="skkn-conflict__text">{htmlToText(section.content)}</div>
        </div>
        <div>
          <h4>{t('skkn.conflict.other')}</h4>
          <div className="skkn-conflict__text">{htmlToText(other)}</div>
        </div>
      </div>
      <p className="field__hint">{t('skkn.conflict.combineHint')}</p>
      <div className="actions">
        <button type="button" className="button button--secondary" onClick={() => resolve(null)}>
          {t('skkn.conflict.keepMine')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => resolve(other)}>
          {t('skkn.conflict.useOther')}
        </button>
        <button type="button" className="button button--primary" onClick={() => resolve(combineBlocks(section.content, other))}>
          {t('skkn.conflict.combine')}
        </button>
      </div>
    </section>
  );
}
