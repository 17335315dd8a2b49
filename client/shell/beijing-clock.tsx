import { Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../lib/format';

// Agents quote SLA deadlines and refund windows in Beijing time; the clock shows it whatever
// the desk's computer is set to.
export function BeijingClock() {
  const { t } = useTranslation();
  const format = useFormat();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <Tooltip label={t('common.timezoneNote')} withArrow>
      <Text size="xs" fw={500} c="dimmed" component="time" dateTime={now.toISOString()} data-testid="beijing-clock">
        {format.dayName(now)} {format.time(now)}
      </Text>
    </Tooltip>
  );
}
