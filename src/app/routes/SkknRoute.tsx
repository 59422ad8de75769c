import { useParams } from 'wouter';
import { useTranslation } from 'react-i18next';
import { skknEn, skknVi } from '../features/skkn/messages.ts';
import { SkknDraft } from '../features/skkn/SkknDraft.tsx';
import '../features/skkn/skkn.css';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';

/** /skkn/:id: one draft, with the Tiptap editor (its own lazy chunk, never on the first screen). */
export function SkknRoute() {
  registerMessages('skkn', skknVi, skknEn);
  const { t } = useTranslation();
  const { id = '' } = useParams<{ id?: string }>();
  usePageTitle(t('skkn.listTitle'));
  return <SkknDraft id={id} />;
}
