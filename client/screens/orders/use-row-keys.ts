import { useEffect, useRef, type RefObject } from 'react';
import { isPlainKey, isTypingTarget } from '../../lib/keyboard';

interface Options {
  count: number;
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  /** Enter opens the selected row only when focus is on the page itself or inside this element */
  containerRef: RefObject<HTMLElement | null>;
}

const INTERACTIVE =
  'button, a[href], input, select, textarea, [role="button"], [role="checkbox"], [role="radio"], [role="tab"], [role="option"], [role="menuitem"]';

// j / k move the selected row, Enter opens it (as in mail clients and code review tools).
// Like the console's other shortcuts they never fire while the user types, and Enter on a
// focused button or link keeps doing what that control does.
export function useRowKeys(options: Options): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isPlainKey(event) || isTypingTarget(event.target)) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest('[role="dialog"], [role="menu"], [role="listbox"]')) return;
      const { count, selected, onSelect, onOpen, containerRef } = latest.current;
      if (count === 0) return;
      if (event.key === 'j' || event.key === 'J') {
        event.preventDefault();
        onSelect(Math.min(count - 1, selected + 1));
      } else if (event.key === 'k' || event.key === 'K') {
        event.preventDefault();
        onSelect(selected < 0 ? 0 : Math.max(0, selected - 1));
      } else if (event.key === 'Enter' && selected >= 0) {
        // Enter on a focused control (a page button, a link) belongs to that control.
        if (target?.closest(INTERACTIVE)) return;
        const onPage = !target || target === document.body || containerRef.current?.contains(target);
        if (!onPage) return;
        event.preventDefault();
        onOpen(selected);
      }
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
