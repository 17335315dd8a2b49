import type { ReactNode } from 'react';
import { icon as shellIcon } from './icons';

// Line icons for the conversation and the history (24×24, currentColor stroke), in the style
// of components/icons.tsx.
// They default to 16 px where the shell's icons default to 18 px.
const icon = (paths: ReactNode, name: string) => shellIcon(paths, name, 16);

export const IconPhone = icon(
  <path d="M5 4h3.5l1.5 4-2 1.5a11 11 0 0 0 6.5 6.5l1.5-2 4 1.5V19a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z" />,
  'IconPhone',
);
export const IconChat = icon(<path d="M4 5h16v11H9l-5 4z" />, 'IconChat');
export const IconMail = icon(
  <>
    <rect x="3" y="5" width="18" height="14" rx="1.5" />
    <path d="m3.5 6 8.5 7 8.5-7" />
  </>,
  'IconMail',
);
export const IconSms = icon(
  <>
    <rect x="6" y="2.5" width="12" height="19" rx="2" />
    <path d="M10 18h4" />
  </>,
  'IconSms',
);
export const IconBell = icon(
  <>
    <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
    <path d="M10 20.5h4" />
  </>,
  'IconBell',
);
export const IconArrowIn = icon(<path d="M19 5 6 18M6 9v9h9" />, 'IconArrowIn');
export const IconArrowOut = icon(<path d="M6 18 19 5M10 5h9v9" />, 'IconArrowOut');
export const IconNote = icon(
  <>
    <path d="M5 4h10l4 4v12H5z" />
    <path d="M15 4v4h4M8.5 12h7M8.5 16h5" />
  </>,
  'IconNote',
);
export const IconCalculator = icon(
  <>
    <rect x="5" y="3" width="14" height="18" rx="1.5" />
    <path d="M8 7h8M8.5 11h.01M12 11h.01M15.5 11h.01M8.5 14.5h.01M12 14.5h.01M15.5 14.5h.01M8.5 18h.01M12 18h.01M15.5 18h.01" />
  </>,
  'IconCalculator',
);
export const IconX = icon(<path d="M6 6l12 12M18 6 6 18" />, 'IconX');
