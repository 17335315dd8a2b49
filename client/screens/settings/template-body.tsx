import { Text } from '@mantine/core';
import { Fragment } from 'react';
import { isKnownVariable } from './template-samples';
import classes from './settings.module.css';

const VARIABLE = /(\{\{\s*\w+\s*\}\})/g;

/** A template's text with each {{variable}} marked (unknown ones in orange: no case fills them). */
export function TemplateBody({ body, lineClamp }: { body: string; lineClamp?: number }) {
  const parts = body.split(VARIABLE);
  return (
    <Text size="sm" className={classes.body} lineClamp={lineClamp}>
      {parts.map((part, i) => {
        if (i % 2 === 0) return <Fragment key={i}>{part}</Fragment>;
        const name = part.replace(/[{}\s]/g, '');
        return (
          <span key={i} className={classes.variable} data-unknown={isKnownVariable(name) ? undefined : true}>
            {part}
          </span>
        );
      })}
    </Text>
  );
}
