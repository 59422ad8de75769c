import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import { appRoutes } from './routes/routes.tsx';
import './ui/global.css';

const i18n = initI18n(localStorage.getItem('lang') === 'en' ? 'en' : 'vi');
// Screen readers pick their voice from <html lang>.
const syncLang = (lng: string) => document.documentElement.setAttribute('lang', lng === 'en' ? 'en' : 'vi');
syncLang(i18n.language);
i18n.on('languageChanged', syncLang);

const router = createBrowserRouter(appRoutes);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App router={router} />
    </StrictMode>,
  );
}
