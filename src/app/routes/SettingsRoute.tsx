import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { BackupPanel } from '../features/settings/BackupPanel.tsx';
import { LanguagePicker } from '../features/settings/LanguagePicker.tsx';
import { ProfileForm } from '../features/settings/ProfileForm.tsx';
import { SchoolYearsEditor } from '../features/settings/SchoolYearsEditor.tsx';
import { StorageStatusPanel } from '../features/settings/StorageStatusPanel.tsx';
import { ConnectPanel } from '../features/sync/ConnectPanel.tsx';
import { SyncIssues } from '../features/sync/SyncIssues.tsx';
import { useSyncStatus } from '../features/sync/useSync.ts';
import { useHash } from '../ui/location.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';

export function SettingsRoute() {
  const { t } = useTranslation();
  const hash = useHash();
  usePageTitle(t('settings.title'));
  const connection = useSyncStatus().connection;
  const isAdmin = Boolean(connection?.token && connection.user.roles.some((r) => r.role === 'admin'));
  const isLeader = Boolean(connection?.token && connection.user.roles.some((r) => r.role === 'leader'));

  // The backup reminder links to #sao-luu.
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView?.();
  }, [hash]);

  return (
    <div className="page page--narrow">
      <h1>{t('settings.title')}</h1>
      <section className="panel" aria-labelledby="settings-profile">
        <h2 id="settings-profile">{t('settings.profile')}</h2>
        <ProfileForm />
      </section>
      <section className="panel" id="dong-bo" aria-labelledby="settings-sync">
        <h2 id="settings-sync">{t('sync.panelTitle')}</h2>
        <ConnectPanel />
        {isAdmin ? (
          <p>
            <Link to="/quan-tri" className="button button--secondary">
              {t('settings.admin')}
            </Link>
          </p>
        ) : null}
        {isLeader ? (
          <p>
            <Link to="/kiem-tra" className="button button--secondary">
              {t('settings.inspection')}
            </Link>
          </p>
        ) : null}
      </section>
      <SyncIssues />
      <section className="panel" aria-labelledby="settings-years">
        <h2 id="settings-years">{t('settings.schoolYears')}</h2>
        <SchoolYearsEditor />
      </section>
      <section className="panel" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('settings.language')}</h2>
        <LanguagePicker />
      </section>
      <section className="panel" id="sao-luu" aria-labelledby="settings-backup">
        <h2 id="settings-backup">{t('settings.backup')}</h2>
        <BackupPanel />
      </section>
      <section className="panel" aria-labelledby="settings-storage">
        <h2 id="settings-storage">{t('settings.storage')}</h2>
        <StorageStatusPanel />
      </section>
    </div>
  );
}
