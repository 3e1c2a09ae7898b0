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
