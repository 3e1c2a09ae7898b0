import { invalid } from './errors.js';
import { MAX_NESTING } from './raw-body.js';

/** Names a bracket path must never create: they would reach Object.prototype. */
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

type Node = Record<string, unknown>;

/**
 * Reads form pairs the way PHP builds `$_POST`: `fields[PHONE][0][VALUE]=...` becomes
 * `{fields: {PHONE: [{VALUE: ...}]}}`; `a[]=1&a[]=2` becomes a list. Bitrix24 clients send this.
 */
export function parseBracketPairs(pairs: [string, string][]): Record<string, unknown> {
  const root: Node = {};
  // PHP's next index for `[]` per array: counting keys on every `a[]` made 10,000 fields quadratic.
  const nextIndex = new WeakMap<Node, number>();
  for (const [name, value] of pairs) {
    const match = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(name);
    const path = match ? [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)] : [name];
    if (path.some((p) => FORBIDDEN.has(p))) continue;
    // listify recurses and `extra` is stored with JSON.stringify: a 60 KB name of brackets would overflow both.
    if (path.length > MAX_NESTING) {
      throw invalid(`Form field "${name.slice(0, 60)}..." nests deeper than ${MAX_NESTING} levels of [...]; send a flatter form`);
    }
    let node = root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i] === '' ? String(nextIndex.get(node) ?? 0) : path[i]!;
      if (/^(0|[1-9]\d{0,8})$/.test(key)) nextIndex.set(node, Math.max(nextIndex.get(node) ?? 0, Number(key) + 1));
      if (i === path.length - 1) {
        node[key] = value;
      } else {
        const next = node[key];
        node = (next && typeof next === 'object' ? next : (node[key] = {})) as Node;
      }
    }
  }
  return listify(root) as Record<string, unknown>;
}

/** Objects whose keys are 0..n-1 become arrays, as PHP's numeric keys are read by JSON clients. */
function listify(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const node = value as Node;
  const keys = Object.keys(node);
  for (const k of keys) node[k] = listify(node[k]);
  const isList = keys.length > 0 && keys.every((k, i) => k === String(i));
  return isList ? keys.map((k) => node[k]) : node;
}
