import { useLocalStorage } from '@mantine/hooks';

// How this desk likes the orders table: which columns and how dense. Kept in this browser
// (localStorage), not in the URL: a shared link shows the same search, in the reader's layout.

export type Density = 'compact' | 'comfortable';
export type ColumnVisibility = Record<string, boolean>;

/** Columns most agents do not need at first sight; one click in "columns" shows them. */
export const DEFAULT_HIDDEN: ColumnVisibility = { platform: false, renewal: false };

function readVisibility(raw: string | undefined): ColumnVisibility {
  try {
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'boolean')) as ColumnVisibility;
    }
  } catch {
    // a damaged entry: fall back to the default layout
  }
  return DEFAULT_HIDDEN;
}

export function useOrdersTablePrefs() {
  const [columnVisibility, setColumnVisibility] = useLocalStorage<ColumnVisibility>({
    key: 'refund-desk.orders.columns',
    defaultValue: DEFAULT_HIDDEN,
    getInitialValueInEffect: false,
    serialize: JSON.stringify,
    deserialize: readVisibility,
  });
  const [density, setDensity] = useLocalStorage<Density>({
    key: 'refund-desk.orders.density',
    defaultValue: 'compact',
    getInitialValueInEffect: false,
    serialize: (v) => v,
    deserialize: (v) => (v === 'comfortable' ? 'comfortable' : 'compact'),
  });
  return { columnVisibility, setColumnVisibility, density, setDensity };
}
