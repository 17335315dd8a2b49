import { describe, expect, it } from 'vitest';
import { defineMessages } from '../../client/i18n/define-messages';
import { coreAreas } from '../../client/i18n/resources';
import { screenAreas } from '../../client/i18n/screen-messages';

// Every area's two languages, as i18next gets them: the same keys in the same order (what the
// old two-tree type guaranteed), and what a type cannot see: no empty string, plural forms in
// pairs, the same placeholders and tags on both sides.

type Tree = { [key: string]: string | Tree };
const areas: [string, { 'zh-CN': unknown; en: unknown }][] = Object.entries({ ...coreAreas, ...screenAreas });

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

/** `{{name}}` placeholders and `<tag>`s (Trans components), sorted. */
function slots(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}\s,]+)[^}]*\}\}|<\/?(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();
}

const PLURAL = /_(one|other)$/;
// Empty on purpose: the note dialog asks every action for a placeholder; closing has none.
const EMPTY_ON_PURPOSE = new Set(['caseDetail.noteAction.close.placeholder']);

describe('i18n messages', () => {
  it('defineMessages splits one tree of pairs into a tree per language', () => {
    const m = defineMessages({ a: ['甲', 'A'], b: { c: ['乙', 'B'], d: { e: ['丙', 'C'] } } });
    expect(m).toEqual({ 'zh-CN': { a: '甲', b: { c: '乙', d: { e: '丙' } } }, en: { a: 'A', b: { c: 'B', d: { e: 'C' } } } });
  });

  it('lists every area', () => {
    expect(areas.map(([name]) => name).sort()).toEqual(
      [
        'approvals',
        'audit',
        'auth',
        'caseDetail',
        'cases',
        'comms',
        'common',
        'dashboard',
        'errors',
        'integration',
        'nav',
        'orderDetail',
        'orderVocab',
        'orders',
        'settings',
        'shell',
        'uploads',
      ].sort(),
    );
  });

  describe.each(areas)('%s', (name, area) => {
    const zh = leaves(area['zh-CN'] as Tree);
    const en = leaves(area.en as Tree);
    const enByKey = new Map(en);

    it('has the same keys in both languages', () => {
      expect(en.map(([key]) => key)).toEqual(zh.map(([key]) => key));
    });

    it('has no empty string', () => {
      const empty = [...zh, ...en]
        .filter(([key, text]) => text.trim() === '' && !EMPTY_ON_PURPOSE.has(`${name}.${key}`))
        .map(([key]) => key);
      expect(empty).toEqual([]);
    });

    it('writes plural forms in pairs (_one with _other)', () => {
      const keys = new Set(zh.map(([key]) => key));
      const unpaired = [...keys].filter(
        (key) => PLURAL.test(key) && !(keys.has(key.replace(PLURAL, '_one')) && keys.has(key.replace(PLURAL, '_other'))),
      );
      expect(unpaired).toEqual([]);
    });

    it('has the same placeholders and tags in both languages', () => {
      // English may spell out "One …" in a _one form instead of {{count}}.
      const differ = zh
        .filter(([key, text]) => {
          const other = slots(enByKey.get(key) ?? '');
          const mine = slots(text);
          const drop = (list: string[]) => (key.endsWith('_one') ? list.filter((s) => s !== 'count') : list);
          return drop(mine).join() !== drop(other).join();
        })
        .map(([key]) => key);
      expect(differ).toEqual([]);
    });
  });
});
