import { describe, expect, it } from 'vitest';
import { parseBracketPairs } from '../../webhooks/php-query.js';
import { parseTildaUtm, cookieValue } from '../../webhooks/tilda-payload.js';

describe('parseBracketPairs (PHP-style form names, as Bitrix24 clients send)', () => {
  it('builds nested objects and lists', () => {
    const pairs = [...new URLSearchParams('fields[NAME]=A&fields[PHONE][0][VALUE]=1&fields[PHONE][1][VALUE]=2&tags[]=x&tags[]=y&plain=p')];
    expect(parseBracketPairs(pairs)).toEqual({
      fields: { NAME: 'A', PHONE: [{ VALUE: '1' }, { VALUE: '2' }] },
      tags: ['x', 'y'],
      plain: 'p',
    });
  });

  it('reads 10,000 a[] fields in order (linear: bench/php-query.ts prints the time), explicit indexes moving the next one as in PHP', () => {
    const pairs: [string, string][] = Array.from({ length: 10_000 }, (_, i) => ['a[]', `v${i}`]);
    const out = parseBracketPairs(pairs) as { a: string[] };
    expect(out.a).toHaveLength(10_000);
    expect(out.a[0]).toBe('v0');
    expect(out.a[9_999]).toBe('v9999');
    // PHP: after b[5], the next b[] is index 6.
    expect(parseBracketPairs([['b[]', 'x'], ['b[5]', 'y'], ['b[]', 'z']])).toEqual({ b: { 0: 'x', 5: 'y', 6: 'z' } });
  });

  it('never writes to the object prototype', () => {
    const out = parseBracketPairs([['__proto__[polluted]', 'yes'], ['a[constructor][prototype][x]', '1']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).toEqual({});
  });
});

describe('TILDAUTM cookie', () => {
  it('reads encoded and plain separators, ignoring non-UTM keys and empty pairs', () => {
    const cookies = 'a=1; TILDAUTM=utm_source%3Dvk%7C%7C%7Cutm_content%3Dbanner%2B1%7C%7C%7Cfoo%3Dbar%7C%7C%7C; b=2';
    expect(parseTildaUtm(cookieValue(cookies, 'TILDAUTM'))).toEqual({ utm_source: 'vk', utm_content: 'banner 1' });
    expect(parseTildaUtm('utm_medium=cpc|||utm_term=%D1%81%D0%BE%D0%BA|||')).toEqual({ utm_medium: 'cpc', utm_term: 'сок' });
    expect(parseTildaUtm(null)).toEqual({});
  });
});
