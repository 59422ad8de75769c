export type Language = 'vi' | 'en';
export type Localized = Readonly<Record<Language, string>>;
