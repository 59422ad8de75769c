import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after this long. Screens load lazily (a module transform on first import), which
// under a loaded CI machine can take several seconds; a real failure still fails, only later.
configure({ asyncUtilTimeout: 10_000 });

// Vitest runs without globals, so Testing Library cannot register its own cleanup: unmount every rendered
// app after each test, or React work it scheduled runs after the jsdom window of the file is gone.
afterEach(() => {
  cleanup();
});
