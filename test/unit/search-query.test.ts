import { describe, expect, it } from 'vitest';
import { classifySearch } from '../../shared/search-query';

describe('classifySearch', () => {
  it('reads an e-mail address as one', () => {
    expect(classifySearch(' Li.Wei+vip@Mail.Example.com ')).toEqual({ kind: 'email', value: 'li.wei+vip@mail.example.com' });
    expect(classifySearch('a@qq.com')?.kind).toBe('email');
  });

  it('does not call text with an @ an e-mail when it is not one (issue 18, item 9)', () => {
    for (const q of ['@@@', 'abc@', '@qq.com', 'foo@bar', 'a@b@c.com', '小王@客服', 'x @y.com']) {
      expect(classifySearch(q)?.kind, q).toBe('text');
    }
  });
});
