import { ensureE2eBuild } from './build.ts';

/** One build for every e2e file (and for the bundle-budget unit test, which shares the folder). */
export default function setup() {
  ensureE2eBuild();
}
