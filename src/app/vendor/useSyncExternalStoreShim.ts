// React 18+ has useSyncExternalStore built in; the `use-sync-external-store/shim` package that
// react-i18next and Tiptap import only forwards to it at run time, yet adds ~0.7 KB gzip to the first
// screen (whose 150 KB budget is asserted). vite.config.ts points the shim here.
export { useSyncExternalStore } from 'react';
