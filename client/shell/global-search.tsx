import { Kbd, TextInput } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type KeyboardEvent, type RefObject } from 'react';
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

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Escape') {
      event.currentTarget.blur();
      return;
    }
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const query = text.trim();
    if (!query) return;
    event.preventDefault();
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
