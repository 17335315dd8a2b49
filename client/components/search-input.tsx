import { Kbd, TextInput, type MantineBreakpoint } from '@mantine/core';
import type { ComponentProps } from 'react';

/**
 * A search box (the header's, the communications screen's): announced as a search, no
 * autocomplete or spell-check, at most 200 characters, and the `/` that focuses it shown at its
 * right end (from the `hintFrom` breakpoint up, when given).
 */
export function SearchInput({ hintFrom, ...rest }: ComponentProps<typeof TextInput> & { hintFrom?: MantineBreakpoint }) {
  return (
    <TextInput
      type="search"
      role="searchbox"
      rightSection={
        <Kbd size="xs" visibleFrom={hintFrom}>
          /
        </Kbd>
      }
      rightSectionPointerEvents="none"
      maxLength={200}
      autoComplete="off"
      spellCheck={false}
      {...rest}
    />
  );
}
