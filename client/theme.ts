import { createTheme, type MantineColorsTuple } from '@mantine/core';

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
  },
});
