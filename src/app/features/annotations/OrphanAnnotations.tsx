import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../domain/annotations.ts';
import { formatDate } from '../../ui/format.ts';

/**
 * The user's own annotations whose observation was deleted by its owner (issue #4): kept, and shown to
 * their author under "Ghi chú trên bản dự giờ đã xoá".
 */
export function OrphanAnnotations({ annotations }: { annotations: readonly Annotation[] }) {
  const { t } = useTranslation();
  if (annotations.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="orphan-notes-heading">
      <h2 id="orphan-notes-heading">{t('annotations.deletedTarget')}</h2>
      <p className="field__hint">{t('annotations.deletedTargetHint')}</p>
      <ul className="thread__messages">
        {annotations.map((a) => (
          <li key={a.id} className="thread">
            <p className="thread__by">
              {t('annotations.deletedTarget')} · {formatDate(a.createdAt.slice(0, 10))}
            </p>
            <p className="thread__text">{a.text}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
