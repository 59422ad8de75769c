import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { storageStatus, type StorageStatus } from '../../db/storage.ts';
import { formatBytes } from '../../ui/format.ts';

function isIos(): boolean {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) || (navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1);
}

export function StorageStatusPanel() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StorageStatus | null>(null);

  useEffect(() => {
    let live = true;
    storageStatus().then(
      (s) => live && setStatus(s),
      () => live && setStatus({ persisted: null, usageBytes: null, quotaBytes: null }),
    );
    return () => {
      live = false;
    };
  }, []);

  if (!status) return null;
  const persisted = status.persisted === null ? t('common.unknown') : status.persisted ? t('common.yes') : t('common.no');
  return (
    <div>
      <p>{t('settings.persistent', { value: persisted })}</p>
      <p>
        {status.usageBytes !== null && status.quotaBytes !== null
          ? t('settings.usage', { used: formatBytes(status.usageBytes), quota: formatBytes(status.quotaBytes) })
          : t('settings.usageUnknown')}
      </p>
      {isIos() && !status.persisted ? <p className="field__hint">{t('settings.iosHint')}</p> : null}
    </div>
  );
}
