// Entry of the PDF rendering threads (renderPool.ts). The server runs from its TypeScript sources
// under tsx, whose loader does not reach worker threads on Node 20: each thread registers it first.
import { register } from 'tsx/esm/api';

register();
await import('./renderWorker.ts');
