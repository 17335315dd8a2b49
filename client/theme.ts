import { accessibleColorVariables } from './accessible-colors';
import { createTheme, mergeThemeOverrides, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

// A calm, dense-enough theme for people who sit in this console all day: one brand blue,
// neutral greys, small radii, system fonts with the common Chinese UI faces.
const brand: MantineColorsTuple = [
  '#eaf2ff',
  '#d4e2fc',
  '#a7c2f4',
  '#77a0ec',
  '#4f83e6',
  '#3671e3',
  '#2867e2',
  '#1c57c9',
  '#134db4',
  '#00429f',
];

const fontFamily = [
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(', ');

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  fontFamily,
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "JetBrains Mono", Menlo, Consolas, monospace',
  headings: { fontFamily, fontWeight: '650' },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    // every notice is a light one unless it says otherwise (the offline banner is filled)
    Alert: { defaultProps: { variant: 'light' } },
    Button: { defaultProps: { radius: 'sm' } },
    Tooltip: { defaultProps: { openDelay: 300 } },
    // A closed Collapse keeps its content with display: none, not inside React's <Activity
    // mode="hidden"> (Mantine 9's default): in the full browser run a click on the approvals
    // queue's send-back button, just opened in such a Collapse, reached the button and called
    // nothing (no request, no error) — twice in CI, never alone.
    Collapse: { defaultProps: { keepMountedMode: 'display-none' } },
  },
});

/**
 * The theme in the UI's language: every dialog's and drawer's close button (an icon, ×) is named
 * "关闭" / "Close" for screen readers, which Mantine leaves unnamed.
 */
export function themeIn(closeLabel: string) {
  const closeButtonProps = { 'aria-label': closeLabel };
  return mergeThemeOverrides(theme, {
    components: {
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
    },
  });
}

// Secondary text, placeholders and every colour's text, filled and light shades in WCAG AA
// contrast (4.5:1; issue 18, axe-core in test/e2e/accessibility.e2e.ts): Mantine's own dimmed
// grey (gray.6, 3.3:1 on white) and placeholder grey (gray.5, 2.1:1) are too faint to read all
// day, and so are several of its coloured shades (accessible-colors.ts).
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#687078',
    '--mantine-color-error': 'var(--mantine-color-red-text)',
    '--mantine-color-success': 'var(--mantine-color-teal-text)',
    ...accessibleColorVariables(resolved),
  },
  dark: {},
});
