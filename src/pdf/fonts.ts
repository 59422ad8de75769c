import { FONT_FAMILY } from './layout.ts';

/** Noto Serif (SIL OFL), from @expo-google-fonts/noto-serif: TTF covering all of Vietnamese. */
export const FONT_FILES = {
  normal: 'NotoSerif_400Regular.ttf',
  bold: 'NotoSerif_700Bold.ttf',
  italics: 'NotoSerif_400Regular_Italic.ttf',
  bolditalics: 'NotoSerif_700Bold_Italic.ttf',
} as const;
export type FontStyle = keyof typeof FONT_FILES;

/** Path of each file inside the npm package. */
export const FONT_PACKAGE_PATHS: Record<FontStyle, string> = {
  normal: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
  italics: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  bolditalics: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
};

export type FontData = Record<FontStyle, Uint8Array>;

export const FONT_DESCRIPTORS = { [FONT_FAMILY]: { ...FONT_FILES } };
