import { TextInput, type TextInputProps } from '@mantine/core';
import { useState, type KeyboardEvent } from 'react';

type Commit = (value: string | undefined) => void;

/**
 * A filter box's typed text, kept local until it is committed (Enter, leaving the box, picking
 * a suggestion), so each keystroke is not a URL change and a query. Committing trims, and an
 * empty box commits `undefined` (the filter is off); an unchanged value commits nothing.
 */
export function useCommitDraft(value: string | undefined, onCommit: Commit) {
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // the URL changed under the box (back, "clear filters"): show what it holds now
    setSeen(value);
    setDraft(value ?? '');
  }
  const commit = (next = draft) => {
    const v = next.trim() || undefined;
    if (v !== value) onCommit(v);
  };
  // Enter that ends an IME composition (typing Chinese) picks the characters: it does not commit.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) commit();
  };
  return { draft, setDraft, commit, onKeyDown };
}

type Props = Omit<TextInputProps, 'value' | 'onChange' | 'onBlur' | 'onKeyDown'> & { value: string | undefined; onCommit: Commit };

/** A filter's text box, committed on Enter or when it loses focus. */
export function CommitInput({ value, onCommit, ...props }: Props) {
  const { draft, setDraft, commit, onKeyDown } = useCommitDraft(value, onCommit);
  return (
    <TextInput
      size="xs"
      {...props}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => commit()}
      onKeyDown={onKeyDown}
    />
  );
}
