import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { TEST_DIST } from './harness.ts';

describe('security headers', () => {
  it('serves pages with a strict CSP the PWA passes, and JSON for unknown API routes', async () => {
    const app = await buildServer({ distDir: TEST_DIST });
    try {
      const page = await app.inject('/so/2024');
      expect(page.statusCode).toBe(200);
      const csp = page.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("manifest-src 'self'");
      expect(csp).toContain("img-src 'self' data: blob:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(page.headers['referrer-policy']).toBe('no-referrer');

      const api = await app.inject('/api/khong-co');
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
      expect(api.headers['cache-control']).toBe('no-store');
      const preflight = await app.inject({ method: 'OPTIONS', url: '/api/sync', headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    } finally {
      await app.close();
    }
  });
});
