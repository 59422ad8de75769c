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
// Lesson observations and mentoring (issue #4).
const ObservationsRoute = lazy(() => import('./ObservationsRoute.tsx').then((m) => ({ default: m.ObservationsRoute })));
const ObservationEditRoute = lazy(() => import('./ObservationEditRoute.tsx').then((m) => ({ default: m.ObservationEditRoute })));
const ObservationRoute = lazy(() => import('./ObservationRoute.tsx').then((m) => ({ default: m.ObservationRoute })));
const MentorRoute = lazy(() => import('./MentorRoute.tsx').then((m) => ({ default: m.MentorRoute })));
const MenteeRoute = lazy(() => import('./MenteeRoute.tsx').then((m) => ({ default: m.MenteeRoute })));
const MenteeObservationRoute = lazy(() => import('./MenteeObservationRoute.tsx').then((m) => ({ default: m.MenteeObservationRoute })));
// Innovation topic and SKKN drafts (issue #5).
const InnovationRoute = lazy(() => import('./InnovationRoute.tsx').then((m) => ({ default: m.InnovationRoute })));
const SkknListRoute = lazy(() => import('./SkknListRoute.tsx').then((m) => ({ default: m.SkknListRoute })));
const SkknRoute = lazy(() => import('./SkknRoute.tsx').then((m) => ({ default: m.SkknRoute })));
// School leaders: inspection overview and a teacher's logbook (issue #7).
const InspectionRoute = lazy(() => import('./InspectionRoute.tsx').then((m) => ({ default: m.InspectionRoute })));
const LogbookInspectionRoute = lazy(() => import('./LogbookInspectionRoute.tsx').then((m) => ({ default: m.LogbookInspectionRoute })));
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
            <Route path="/du-gio" component={ObservationsRoute} />
            <Route path="/du-gio/moi" component={ObservationEditRoute} />
            <Route path="/du-gio/:id/sua" component={ObservationEditRoute} />
            <Route path="/du-gio/:id" component={ObservationRoute} />
            <Route path="/kem-cap" component={MentorRoute} />
            <Route path="/kem-cap/:scopeId" component={MenteeRoute} />
            <Route path="/kem-cap/:scopeId/:id" component={MenteeObservationRoute} />
            <Route path="/doi-moi" component={InnovationRoute} />
            <Route path="/skkn" component={SkknListRoute} />
            <Route path="/skkn/:id" component={SkknRoute} />
            <Route path="/kiem-tra" component={InspectionRoute} />
            <Route path="/kiem-tra/:scopeId" component={LogbookInspectionRoute} />
            <Route component={NotFoundRoute} />
          </Switch>
        </RouteErrorBoundary>
      </Layout>
    </RouteErrorBoundary>
  );
}
