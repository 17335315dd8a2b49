import type { ReactNode } from 'react';
import { icon as shellIcon } from '../../components/icons';

// Line icons for the settings screens, drawn like client/components/icons.tsx (24×24 grid,
// currentColor stroke) so no icon library is needed.
// They default to 16 px where the shell's icons default to 18 px.
const icon = (paths: ReactNode, name: string) => shellIcon(paths, name, 16);

export const IconUserCircle = icon(
  <>
    <circle cx="12" cy="12" r="9" />
    <circle cx="12" cy="10" r="3" />
    <path d="M6.5 18.5a6.5 6.5 0 0 1 11 0" />
  </>,
  'IconUserCircle',
);
export const IconScale = icon(
  <>
    <path d="M12 4v16M7 20h10M5 7h14" />
    <path d="m5 7-2.5 6a2.5 2.5 0 0 0 5 0zM19 7l-2.5 6a2.5 2.5 0 0 0 5 0z" />
  </>,
  'IconScale',
);
export const IconCalendar = icon(
  <>
    <rect x="3.5" y="5" width="17" height="15.5" rx="2" />
    <path d="M3.5 10h17M8 3v4M16 3v4" />
  </>,
  'IconCalendar',
);
export const IconTemplate = icon(
  <>
    <path d="M5 4h14v16H5z" />
    <path d="M8.5 8.5h7M8.5 12h7M8.5 15.5h4" />
  </>,
  'IconTemplate',
);
export const IconPencil = icon(
  <>
    <path d="M4 20h4L19 9l-4-4L4 16z" />
    <path d="m13.5 6.5 4 4" />
  </>,
  'IconPencil',
);
export const IconTrash = icon(
  <>
    <path d="M4.5 7h15M10 11v6M14 11v6" />
    <path d="M6.5 7l1 13h9l1-13M9.5 7V4h5v3" />
  </>,
  'IconTrash',
);
export const IconPlus = icon(<path d="M12 5v14M5 12h14" />, 'IconPlus');
export const IconChevronLeft = icon(<path d="m15 6-6 6 6 6" />, 'IconChevronLeft');
export const IconChevronRight = icon(<path d="m9 6 6 6-6 6" />, 'IconChevronRight');
export const IconArrowRight = icon(<path d="M5 12h14M13 6l6 6-6 6" />, 'IconArrowRight');
export const IconHistory = icon(
  <>
    <path d="M4 12a8 8 0 1 0 2.4-5.7L4 8.5" />
    <path d="M4 4v4.5h4.5M12 8v4.5l3 2" />
  </>,
  'IconHistory',
);
