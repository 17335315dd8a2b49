import type { ScreenAreas } from './screen-messages';
import { auth } from './messages/auth';
import { common } from './messages/common';
import { errors } from './messages/errors';
import { nav } from './messages/nav';
import { shell } from './messages/shell';

// The strings the shell needs before any screen (sign-in, navigation, errors) ship in the first
// download; every screen's strings are in screen-messages.ts, fetched with the first screen.
// A new screen adds its messages/<area>.ts file to screen-messages.ts. Each area is written once,
// both languages at each key (`key: ['中文', 'English']`); defineMessages hands it over as one
// tree per language, `{ 'zh-CN': …, en: … }`, which is what pick() takes apart below.
export const coreAreas = { common, nav, auth, shell, errors };

type Areas = typeof coreAreas & ScreenAreas;
type Area = keyof Areas;
export type Lang = 'zh-CN' | 'en';
type Translation<L extends Lang> = { [A in Area]: Areas[A][L] };

/** One language's half of a set of areas, as an i18next resource. */
export function pick<L extends Lang>(areas: Record<string, Record<Lang, unknown>>, lang: L): Record<string, unknown> {
  return Object.fromEntries(Object.entries(areas).map(([k, v]) => [k, v[lang]]));
}

export const resources = {
  'zh-CN': { translation: pick(coreAreas, 'zh-CN') },
  en: { translation: pick(coreAreas, 'en') },
};

export type TranslationResource = Translation<'zh-CN'>;
