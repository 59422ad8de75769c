import { lazy } from 'react';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { HomeRoute } from './HomeRoute.tsx';
import { Layout, likelySemester } from './Layout.tsx';
import { RouteErrorBoundary } from './RouteError.tsx';
import { todayIso } from '../ui/format.ts';

// Home is the first screen and stays in the main chunk; the rest load on first visit (and are precached).
const MonthRoute = lazy(() => import('./MonthRoute.tsx').then((m) => ({ default: m.MonthRoute })));
const EntryRoute = lazy(() => import('./EntryRoute.tsx').then((m) => ({ default: m.EntryRoute })));
const SemesterRoute = lazy(() => import('./SemesterRoute.tsx').then((m) => ({ default: m.SemesterRoute })));
const SearchRoute = lazy(() => import('./SearchRoute.tsx').then((m) => ({ default: m.SearchRoute })));
const SettingsRoute = lazy(() => import('./SettingsRoute.tsx').then((m) => ({ default: m.SettingsRoute })));
const AdminRoute = lazy(() => import('./AdminRoute.tsx').then((m) => ({ default: m.AdminRoute })));
const AllEntriesRoute = lazy(() => import('./AllEntriesRoute.tsx').then((m) => ({ default: m.AllEntriesRoute })));
const NotFoundRoute = lazy(() => import('./NotFoundRoute.tsx').then((m) => ({ default: m.NotFoundRoute })));

/** /hoc-ky alone opens the current semester (keeping ?nam=). */
function CurrentSemester() {
  const search = useSearch();
  return <Redirect to={`/hoc-ky/${likelySemester(todayIso())}${search ? `?${search}` : ''}`} replace />;
}

/** Every screen of the app inside the layout. */
export function AppRoutes() {
  const [pathname] = useLocation();
  return (
    // A failing layout still shows a message; a failing screen keeps the layout (navigation stays usable).
    <RouteErrorBoundary>
      <Layout>
        <RouteErrorBoundary resetKey={pathname}>
          <Switch>
            <Route path="/" component={HomeRoute} />
            <Route path="/thang/:month" component={MonthRoute} />
            <Route path="/ghi" component={EntryRoute} />
            <Route path="/ghi/:id" component={EntryRoute} />
            <Route path="/hoc-ky/:semester" component={SemesterRoute} />
            <Route path="/hoc-ky" component={CurrentSemester} />
            <Route path="/tim-kiem" component={SearchRoute} />
            <Route path="/cai-dat" component={SettingsRoute} />
            <Route path="/so" component={AllEntriesRoute} />
            <Route path="/quan-tri" component={AdminRoute} />
            <Route component={NotFoundRoute} />
          </Switch>
        </RouteErrorBoundary>
      </Layout>
    </RouteErrorBoundary>
  );
}
