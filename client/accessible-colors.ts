import { darken, type MantineTheme } from '@mantine/core';

// Mantine's colour variables, chosen so that text reads at WCAG AA (4.5:1) wherever the console
// puts it (issue 18; checked by axe-core in test/e2e/accessibility.e2e.ts). Mantine's defaults
// put red.7 under white button text (3.8:1), teal.9 on teal.1 in light badges (4.4:1) and yellow
// text on white (2:1). For each colour the lightest shade that reads is kept, so the palette
// looks like Mantine's and only the too-faint shades move darker (or, past shade 9, are darkened).

const AA = 4.5;
const WHITE = '#ffffff';

function rgbOf(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as [number, number, number];
  const rgb = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`not a colour this palette reads: ${color}`);
}

function luminance(color: string): number {
  const [r, g, b] = rgbOf(color).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The first of `shades` that reads on every background; past the last, the last darkened step by step. */
function readable(shades: string[], backgrounds: string[]): string {
  const reads = (c: string) => backgrounds.every((bg) => contrast(c, bg) >= AA);
  const found = shades.find(reads);
  if (found) return found;
  const darkest = shades.at(-1)!;
  for (let step = 1; step <= 20; step++) {
    const darker = darken(darkest, step * 0.04);
    if (reads(darker)) return darker;
  }
  return '#000000';
}

/** The light scheme's per-colour variables (text, filled, light badge text, outline) at AA. */
export function accessibleColorVariables(theme: MantineTheme): Record<string, string> {
  const gray = theme.colors.gray;
  const primary = theme.colors[theme.primaryColor]!;
  const variables: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    if (name === 'dark' || shades.length < 10) continue;
    // text: on white, the grey panels, the selected row's blue and the colour's own lightest tint
    const text = readable(shades.slice(7), [WHITE, gray[0]!, gray[1]!, primary[0]!, shades[0]!]);
    // filled: under white text (buttons, filled badges)
    const filled = readable(shades.slice(7), [WHITE]);
    // light: the colour's shade-9 text on its tint (light badges, alert titles)
    const lightColor = readable(shades.slice(9), [shades[1]!, shades[0]!, WHITE]);
    Object.assign(variables, {
      [`--mantine-color-${name}-text`]: text,
      [`--mantine-color-${name}-filled`]: filled,
      [`--mantine-color-${name}-filled-hover`]: darken(filled, 0.1),
      [`--mantine-color-${name}-light-color`]: lightColor,
      [`--mantine-color-${name}-outline`]: text,
    });
  }
  return variables;
}
