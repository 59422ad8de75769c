import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useTranslation } from 'react-i18next';
import { SyncIndicator, SyncRuntime } from '../features/sync/SyncIndicator.tsx';
import { Loading } from '../ui/Loading.tsx';
import { NoticeProvider, NoticeRegion } from '../ui/Notices.tsx';
import { todayIso } from '../ui/format.ts';
import { NavIcon, type IconName } from './NavIcon.tsx';
import { ScrollRestoration } from './ScrollRestoration.tsx';
import { useSchoolYear } from './useSchoolYear.ts';

// The update and install prompts are never needed for the first paint: loaded just after it, which keeps
// the first screen inside its asserted 150 KB budget.
const PwaPrompts = lazy(() => import('../features/pwa/PwaPrompts.tsx').then((m) => ({ default: m.PwaPrompts })));

interface NavItem {
  to: string;
  match: (path: string) => boolean;
  label: string;
  icon: IconName;
}

/** A guess good enough for a link: the semester page itself uses the school year's real dates. */
export function likelySemester(today: string): 'HK1' | 'HK2' {
  const monthDay = today.slice(5);
  return monthDay >= '01-15' && monthDay < '06-01' ? 'HK2' : 'HK1';
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [pathname] = useLocation();
  // The current school year exists from the first visit on, whatever screen is opened first.
  useSchoolYear();

  // After an in-app navigation, focus goes to the new screen (as a page load would do), not the old link.
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.focus();
  }, [pathname]);
  const items: NavItem[] = [
    { to: '/', match: (p) => p === '/' || p === '/so', label: t('nav.home'), icon: 'home' },
    { to: `/thang/${todayIso().slice(0, 7)}`, match: (p) => p.startsWith('/thang'), label: t('nav.month'), icon: 'month' },
    { to: `/hoc-ky/${likelySemester(todayIso())}`, match: (p) => p.startsWith('/hoc-ky'), label: t('nav.semester'), icon: 'semester' },
    { to: '/tim-kiem', match: (p) => p.startsWith('/tim-kiem'), label: t('nav.search'), icon: 'search' },
    { to: '/cai-dat', match: (p) => p.startsWith('/cai-dat'), label: t('nav.settings'), icon: 'settings' },
  ];

  return (
    <NoticeProvider>
      <a className="skip-link" href="#main">
        {t('layout.skip')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <Link to="/ghi" className="button new-entry">
          <NavIcon name="plus" />
          {t('nav.newEntry')}
        </Link>
        <SyncIndicator />
      </header>
      <SyncRuntime />
      <nav className="bottom-nav" aria-label={t('layout.mainNav')}>
        <ul>
          {items.map((item) => {
            const current = item.match(pathname);
            return (
              <li key={item.icon}>
                <Link to={item.to} aria-current={current ? 'page' : undefined}>
                  <NavIcon name={item.icon} />
                  <span>{item.label}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          {children}
        </Suspense>
      </main>
      <NoticeRegion />
      <Suspense fallback={null}>
        <PwaPrompts />
      </Suspense>
      {/* Back to a long list returns to the same row; a new screen starts at the top. */}
      <ScrollRestoration />
    </NoticeProvider>
  );
}
