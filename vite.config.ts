import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // A new version waits until the teacher clicks "Cập nhật" (src/app/features/pwa).
      registerType: 'prompt',
      // Registered by src/app/features/pwa/serviceWorker.ts with workbox-window, loaded on demand.
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon-180x180.png'],
      manifest: {
        id: '/',
        lang: 'vi',
        dir: 'ltr',
        name: 'Sổ Bồi Dưỡng',
        short_name: 'Sổ BD',
        description: 'Sổ bồi dưỡng chuyên môn, nghiệp vụ của giáo viên: ghi chép tự học, BDTX 120 tiết, dùng được cả khi không có mạng.',
        theme_color: '#1f5f8b',
        background_color: '#ffffff',
        display: 'standalone',
        orientation: 'any',
        start_url: '/',
        scope: '/',
        categories: ['education', 'productivity'],
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'maskable-icon-192x192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The shell and every chunk any screen may load (lazy routes included): a phone that opened the
        // app once can open any screen offline. Fonts and the PDF worker join through the same patterns.
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,ttf,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The sync API is never answered from the cache, and no runtime caching is configured for it.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        // Prompt mode: the new worker waits; the page sends SKIP_WAITING when the teacher clicks "Cập nhật".
        skipWaiting: false,
        clientsClaim: false,
      },
    }),
  ],
  resolve: {
    alias: [
      // Exact specifiers only: `use-sync-external-store/shim/with-selector` (Tiptap) stays the package's.
      { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: fileURLToPath(new URL('./src/app/vendor/useSyncExternalStoreShim.ts', import.meta.url)) },
    ],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: scripts/bundle-size.mjs follows it to measure the first screen.
    manifest: true,
  },
  server: { port: 5173 },
});
