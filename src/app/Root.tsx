import { App } from './App.tsx';

/** The router, the database and the home screen: loaded right after the shell paints. */
export default function Root() {
  return <App />;
}
