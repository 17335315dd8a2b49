import { Kbd, TextInput } from '@mantine/core';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { IconSearch } from '../components/icons';
import { isOrderNumber } from '../lib/order-number';
import classes from './global-search.module.css';

// One box for every way a member describes an order. An exact order number opens the order;
// anything else becomes the order search's query (which lives in the URL).
export function GlobalSearch({ inputRef }: { inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  // The order search the URL holds: the box shows it, and is emptied when it is cleared
  // (Esc on the page, the hint's ✕, the back button).
  const urlQuery = useLocation({
    select: (l) => (l.pathname === '/orders' ? ((l.search as { q?: unknown }).q as string | undefined) : undefined),
  });
  const onOrders = useLocation({ select: (l) => l.pathname === '/orders' });
  useEffect(() => {
    if (onOrders) setText(typeof urlQuery === 'string' ? urlQuery : '');
  }, [urlQuery, onOrders]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      // Esc empties the box and, on the orders screen, the search's results too.
      event.preventDefault();
      setText('');
      if (onOrders && urlQuery)
        void navigate({ from: '/orders', to: '/orders', search: (prev) => ({ ...prev, q: undefined, pages: undefined }) });
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const query = text.trim();
    if (!query) return;
    event.preventDefault();
    // the results take the keyboard from here: j / k move through them, Enter opens
    event.currentTarget.blur();
    if (isOrderNumber(query)) void navigate({ to: '/orders/$orderNo', params: { orderNo: query } });
    else void navigate({ to: '/orders', search: { q: query } });
  }

  return (
    <TextInput
      ref={inputRef}
      className={classes.search}
      type="search"
      role="searchbox"
      aria-label={t('shell.searchLabel')}
      placeholder={t('shell.searchPlaceholder')}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={onKeyDown}
      leftSection={<IconSearch size={16} />}
      rightSection={
        <Kbd size="xs" visibleFrom="sm">
          /
        </Kbd>
      }
      rightSectionPointerEvents="none"
      maxLength={200}
      autoComplete="off"
      spellCheck={false}
      data-testid="global-search"
    />
  );
}
