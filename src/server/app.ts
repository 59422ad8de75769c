import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface ServerOptions {
  /** Folder of the built PWA (vite build output). */
  distDir: string;
  logger?: boolean;
}

/** One port for the PWA and /api (architecture.md, Server). */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 5 * 1024 * 1024 });

  app.get('/api/health', async () => ({ ok: true }));

  // Unknown /api routes answer JSON, never the app shell.
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ error: { code: 'not_found', message: 'No such endpoint' } });
    }
    if (request.method === 'GET' && existsSync(path.join(options.distDir, 'index.html'))) {
      return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    }
    return reply.code(404).send({ error: { code: 'not_found', message: 'Not found' } });
  });

  await app.register(fastifyStatic, {
    root: options.distDir,
    wildcard: false,
    // The service worker and the shell must be revalidated so updates reach teachers.
    setHeaders(res, filePath) {
      const name = path.basename(filePath);
      if (name === 'sw.js' || name === 'index.html' || name.endsWith('.webmanifest') || name.startsWith('workbox-')) {
        res.setHeader('Cache-Control', 'no-cache');
      } else if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });

  return app;
}
