/** What the install hint needs to know about the browser; read from `navigator` in the app, passed in by tests. */
export interface PlatformInfo {
  userAgent: string;
  /** iOS Safari's own flag: true when opened from the home screen. */
  standalone?: boolean;
  platform?: string;
  maxTouchPoints?: number;
  /** `(display-mode: standalone)` matches. */
  displayStandalone?: boolean;
}

export function isIos({ userAgent, platform, maxTouchPoints }: PlatformInfo): boolean {
  if (/iPhone|iPad|iPod/.test(userAgent)) return true;
  // iPadOS 13+ reports itself as a Mac; only the touch screen gives it away.
  return platform === 'MacIntel' && (maxTouchPoints ?? 0) > 1;
}

/**
 * Safari on iPhone/iPad, not opened from the home screen. iOS has no install prompt, and Safari may
 * evict a site's storage after 7 days without a visit unless it was added to the home screen.
 */
export function needsIosInstallHint(info: PlatformInfo): boolean {
  if (!isIos(info) || info.standalone || info.displayStandalone) return false;
  // Chrome, Firefox, Edge and in-app browsers on iOS: "Add to Home Screen" lives elsewhere or nowhere.
  return /Safari\//.test(info.userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\/|FBAN|FBAV|Instagram|Zalo/i.test(info.userAgent);
}

export function currentPlatform(): PlatformInfo {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    userAgent: nav.userAgent,
    standalone: nav.standalone,
    platform: nav.platform,
    maxTouchPoints: nav.maxTouchPoints,
    displayStandalone: typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches,
  };
}

export const IOS_HINT_DISMISSED_KEY = 'sbd:ios-install-hint-dismissed';
