import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentPlatform, IOS_HINT_DISMISSED_KEY, needsIosInstallHint } from './platform.ts';
import { registerServiceWorker, type ServiceWorkerControl } from './serviceWorker.ts';
import './pwa.css';

/** Update prompt and iOS install hint; mounted once in the app layout. */
export function PwaPrompts() {
  return (
    <div className="pwa-prompts">
      <UpdatePrompt />
      <IosInstallHint />
    </div>
  );
}

/**
 * "Có phiên bản mới": shown when a new service worker waits. It never takes focus and never reloads on
 * its own, so typing goes on undisturbed; "Cập nhật" lets open forms save (sbd:before-update) first.
 */
function UpdatePrompt() {
  const { t } = useTranslation();
  const titleId = useId();
  const [control, setControl] = useState<ServiceWorkerControl | null>(null);
  const [needRefresh, setNeedRefresh] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const [updating, setUpdating] = useState(false);

  useEffect(() => {
    let live = true;
    void registerServiceWorker({
      onNeedRefresh: () => live && setNeedRefresh(true),
      onOfflineReady: () => live && setOfflineReady(true),
    }).then((c) => live && setControl(c));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!offlineReady) return;
    const timer = setTimeout(() => setOfflineReady(false), 6000);
    return () => clearTimeout(timer);
  }, [offlineReady]);

  return (
    <>
      <div role="status" className="visually-hidden">
        {needRefresh ? t('pwa.updateTitle') : offlineReady ? t('pwa.offlineReady') : ''}
      </div>
      {needRefresh && (
        <section className="pwa-card" aria-labelledby={titleId} data-testid="pwa-update">
          <div className="pwa-card__text">
            <h2 id={titleId} className="pwa-card__title">
              {t('pwa.updateTitle')}
            </h2>
            <p>{t('pwa.updateBody')}</p>
          </div>
          <div className="pwa-card__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={updating || !control}
              onClick={() => {
                setUpdating(true);
                void control?.update();
              }}
            >
              {updating ? t('pwa.updating') : t('pwa.update')}
            </button>
            <button type="button" className="button button--secondary" disabled={updating} onClick={() => setNeedRefresh(false)}>
              {t('pwa.later')}
            </button>
          </div>
        </section>
      )}
      {offlineReady && !needRefresh && (
        <p className="pwa-card pwa-card--small" data-testid="pwa-offline-ready">
          {t('pwa.offlineReady')}
        </p>
      )}
    </>
  );
}

function readDismissed(): boolean {
  try {
    return localStorage.getItem(IOS_HINT_DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/** iOS Safari has no install prompt: say once how to add the app to the home screen. */
function IosInstallHint() {
  const { t } = useTranslation();
  const titleId = useId();
  const [visible, setVisible] = useState(() => typeof navigator !== 'undefined' && needsIosInstallHint(currentPlatform()) && !readDismissed());
  if (!visible) return null;

  const dismiss = () => {
    try {
      localStorage.setItem(IOS_HINT_DISMISSED_KEY, '1');
    } catch {
      // Private mode: the hint comes back next time, which is harmless.
    }
    setVisible(false);
  };

  return (
    <section className="pwa-card" aria-labelledby={titleId} data-testid="ios-install-hint">
      <div className="pwa-card__text">
        <h2 id={titleId} className="pwa-card__title">
          {t('pwa.iosTitle')}
        </h2>
        <p>{t('pwa.iosBody')}</p>
      </div>
      <div className="pwa-card__actions">
        <button type="button" className="button button--secondary" onClick={dismiss}>
          {t('pwa.iosDismiss')}
        </button>
      </div>
    </section>
  );
}
