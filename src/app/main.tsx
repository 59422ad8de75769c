import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n, setLanguage } from './i18n/i18n.ts';
import { BootShell } from './ui/BootShell.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import './ui/global.css';

// Started now, before React renders, so it downloads while the shell paints.
const rootModule = import('./Root.tsx');
const Root = lazy(() => rootModule);

const i18n = initI18n('vi');
// English strings are a separate chunk: wait for them so an English user never sees a flash of Vietnamese.
if (localStorage.getItem('lang') === 'en') await setLanguage('en').catch(() => {});
// Screen readers pick their voice from <html lang>.
const syncLang = (lng: string) => document.documentElement.setAttribute('lang', lng === 'en' ? 'en' : 'vi');
syncLang(i18n.language);
i18n.on('languageChanged', syncLang);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <Suspense fallback={<BootShell />}>
          <Root />
        </Suspense>
      </ErrorBoundary>
    </StrictMode>,
  );
}
