import { createBrowserRouter } from 'react-router';
import { App } from './App.tsx';
import { appRoutes } from './routes/routes.tsx';

const router = createBrowserRouter(appRoutes);

/** The router, the database and the home screen: loaded right after the shell paints. */
export default function Root() {
  return <App router={router} />;
}
