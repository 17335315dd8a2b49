import { useEffect, useRef } from 'react';
import { isPlainKey, isTypingTarget } from '../lib/keyboard';

interface Handlers {
  /** `/`: focus the global search box. */
  onSearch?: () => void;
  /** `G` then a letter: open a section. Returns whether the letter meant something. */
  onGo: (key: string) => boolean;
  /** `?`: show the shortcuts. */
  onHelp: () => void;
}

const CHORD_MS = 1500;

// Console-wide keyboard shortcuts. They never fire while the user is typing in a field, so
// searching for "g" or typing "/" in a note works as expected.
export function useShortcuts(handlers: Handlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    let chordStarted = 0;
    function onKeyDown(event: KeyboardEvent) {
      if (!isPlainKey(event) || isTypingTarget(event.target)) return;
      const { onSearch, onGo, onHelp } = latest.current;
      if (chordStarted && Date.now() - chordStarted < CHORD_MS) {
        chordStarted = 0;
        if (/^[a-z]$/i.test(event.key) && onGo(event.key)) event.preventDefault();
        return;
      }
      chordStarted = 0;
      if (event.key === '/' && onSearch) {
        event.preventDefault();
        onSearch();
      } else if (event.key === '?') {
        event.preventDefault();
        onHelp();
      } else if (event.key === 'g' || event.key === 'G') {
        chordStarted = Date.now();
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
