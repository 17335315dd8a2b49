import { Kbd, Loader, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../../components/icons';
import { isPlainKey, isTypingTarget } from '../../lib/keyboard';

const TYPING_PAUSE_MS = 400;

interface Props {
  /** the query in the URL */
  q: string | undefined;
  /** a new query; `typing` when it comes from a pause in typing rather than Enter */
  onSearch: (q: string | undefined, typing: boolean) => void;
  busy: boolean;
}

/**
 * The screen's search box. It searches as the agent types (after a short pause, never in the
 * middle of composing Chinese with an input method) or at once on Enter. `/` focuses it: the
 * listener sits on window in the capture phase, ahead of the shell's own `/` (the header search).
 */
export function CommsSearchBox({ q, onSearch, busy }: Props) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(q ?? '');
  const [shownQ, setShownQ] = useState(q);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  // The URL moved on its own (back button, a link, "clear"): show its query.
  if (q !== shownQ) {
    setShownQ(q);
    if ((q ?? '') !== text.trim()) setText(q ?? '');
  }

  useEffect(() => {
    function onSlash(event: globalThis.KeyboardEvent) {
      if (event.key !== '/' || !isPlainKey(event) || isTypingTarget(event.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    window.addEventListener('keydown', onSlash, true);
    return () => window.removeEventListener('keydown', onSlash, true);
  }, []);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  function submit(value: string, typing: boolean) {
    window.clearTimeout(timer.current);
    const next = value.trim() || undefined;
    if (next !== q) onSearch(next, typing);
  }

  function change(value: string) {
    setText(value);
    window.clearTimeout(timer.current);
    if (!composing.current) timer.current = window.setTimeout(() => submit(value, true), TYPING_PAUSE_MS);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      return;
    }
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit(text, false);
    }
  }

  return (
    <TextInput
      ref={inputRef}
      type="search"
      role="searchbox"
      size="md"
      aria-label={t('comms.search.label')}
      placeholder={t('comms.search.placeholder')}
      value={text}
      onChange={(e) => change(e.currentTarget.value)}
      onCompositionStart={() => {
        composing.current = true;
        window.clearTimeout(timer.current);
      }}
      onCompositionEnd={(e) => {
        composing.current = false;
        change(e.currentTarget.value);
      }}
      onKeyDown={onKeyDown}
      leftSection={busy ? <Loader size={16} /> : <IconSearch size={18} />}
      rightSection={<Kbd size="xs">/</Kbd>}
      rightSectionPointerEvents="none"
      maxLength={200}
      autoComplete="off"
      spellCheck={false}
      data-testid="comms-search"
    />
  );
}
