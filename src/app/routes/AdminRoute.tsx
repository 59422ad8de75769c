import { useTranslation } from 'react-i18next';
import { AdminScreen } from '../features/admin/AdminScreen.tsx';
import { registerMessages } from '../i18n/lazyMessages.ts';
import { adminEn, adminVi } from '../features/admin/messages.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function AdminRoute() {
  registerMessages('admin', adminVi, adminEn);
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('admin.title')}</h1>
      <AdminScreen />
    </div>
  );
}
