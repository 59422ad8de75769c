import { describe, expect, it } from 'vitest';
import { flushBeforeUpdate } from '../../../src/app/features/pwa/beforeUpdate.ts';
import { BEFORE_UPDATE_EVENT, type BeforeUpdateDetail } from '../../../src/app/ui/pageLeave.ts';
import { isIos, needsIosInstallHint } from '../../../src/app/features/pwa/platform.ts';

const UA = {
  iphoneSafari: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
  iphoneZalo: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Zalo iOS/23.09.01',
  ipadDesktopMode: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  android: 'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
};

describe('iOS install hint', () => {
  it('is for Safari on iPhone and on iPad (which reports itself as a Mac with a touch screen)', () => {
    expect(needsIosInstallHint({ userAgent: UA.iphoneSafari })).toBe(true);
    expect(needsIosInstallHint({ userAgent: UA.ipadDesktopMode, platform: 'MacIntel', maxTouchPoints: 5 })).toBe(true);
  });

  it('is not for a real Mac, Android, other iOS browsers or in-app browsers', () => {
    expect(isIos({ userAgent: UA.ipadDesktopMode, platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false);
    expect(needsIosInstallHint({ userAgent: UA.ipadDesktopMode, platform: 'MacIntel', maxTouchPoints: 0 })).toBe(false);
    expect(needsIosInstallHint({ userAgent: UA.android })).toBe(false);
    expect(needsIosInstallHint({ userAgent: UA.iphoneChrome })).toBe(false);
    expect(needsIosInstallHint({ userAgent: UA.iphoneZalo })).toBe(false);
  });

  it('is not shown once the app runs from the home screen', () => {
    expect(needsIosInstallHint({ userAgent: UA.iphoneSafari, standalone: true })).toBe(false);
    expect(needsIosInstallHint({ userAgent: UA.iphoneSafari, displayStandalone: true })).toBe(false);
  });
});

describe('sbd:before-update', () => {
  it('waits for every draft a listener hands to waitUntil before resolving', async () => {
    const target = new EventTarget();
    const saved: string[] = [];
    target.addEventListener(BEFORE_UPDATE_EVENT, (event) => {
      (event as CustomEvent<BeforeUpdateDetail>).detail.waitUntil(new Promise((resolve) => setTimeout(resolve, 30)).then(() => saved.push('entry form')));
    });
    target.addEventListener(BEFORE_UPDATE_EVENT, (event) => {
      (event as CustomEvent<BeforeUpdateDetail>).detail.waitUntil(Promise.reject(new Error('quota')).catch(() => saved.push('failed draft, still waited')));
    });
    await flushBeforeUpdate(target);
    expect(saved.sort()).toEqual(['entry form', 'failed draft, still waited']);
  });

  it('does not wait forever for a draft that never settles', async () => {
    const target = new EventTarget();
    target.addEventListener(BEFORE_UPDATE_EVENT, (event) => (event as CustomEvent<BeforeUpdateDetail>).detail.waitUntil(new Promise(() => {})));
    const started = Date.now();
    await flushBeforeUpdate(target, 50);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('resolves at once when nobody listens', async () => {
    await expect(flushBeforeUpdate(new EventTarget(), 10_000)).resolves.toBeUndefined();
  });
});
