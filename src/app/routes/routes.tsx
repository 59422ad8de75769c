import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { HomeRoute } from './HomeRoute.tsx';
import { Layout } from './Layout.tsx';
import { RouteError } from './RouteError.tsx';

// Home is the first screen and stays in the main chunk; the rest load on first visit (and are precached).
const MonthRoute = lazy(() => import('./MonthRoute.tsx').then((m) => ({ default: m.MonthRoute })));
const EntryRoute = lazy(() => import('./EntryRoute.tsx').then((m) => ({ default: m.EntryRoute })));
const SemesterRoute = lazy(() => import('./SemesterRoute.tsx').then((m) => ({ default: m.SemesterRoute })));
const SearchRoute = lazy(() => import('./SearchRoute.tsx').then((m) => ({ default: m.SearchRoute })));
const SettingsRoute = lazy(() => import('./SettingsRoute.tsx').then((m) => ({ default: m.SettingsRoute })));
const AllEntriesRoute = lazy(() => import('./AllEntriesRoute.tsx').then((m) => ({ default: m.AllEntriesRoute })));
const NotFoundRoute = lazy(() => import('./NotFoundRoute.tsx').then((m) => ({ default: m.NotFoundRoute })));

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    ErrorBoundary: RouteError,
    children: [
      {
        // A failing screen keeps the layout (navigation stays usable).
        ErrorBoundary: RouteError,
        children: [
          { index: true, Component: HomeRoute },
          { path: 'thang/:month', Component: MonthRoute },
          { path: 'ghi', Component: EntryRoute },
          { path: 'ghi/:id', Component: EntryRoute },
          { path: 'hoc-ky/:semester', Component: SemesterRoute },
          { path: 'tim-kiem', Component: SearchRoute },
          { path: 'cai-dat', Component: SettingsRoute },
          { path: 'so', Component: AllEntriesRoute },
          { path: '*', Component: NotFoundRoute },
        ],
      },
    ],
  },
];
