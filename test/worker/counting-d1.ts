/**
 * The D1 binding as the Worker sees it, counting every query it sends: a prepared statement's
 * run/all/first/raw is one, a batch is one per statement (D1 refuses the 1,001st query of one
 * invocation, each statement of a batch counting). The real binding does the work.
 */
export function countingD1(d1: D1Database): { binding: D1Database; queries: () => number; reset: () => void } {
  let queries = 0;
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = new Proxy(statement, {
      get(target, key) {
        if (key === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        const value = Reflect.get(target, key, target) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'run' || key === 'all' || key === 'first' || key === 'raw') {
          return (...args: unknown[]) => {
            queries++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return (value as (...a: unknown[]) => unknown).bind(target);
      },
    });
    real.set(wrapped, statement);
    return wrapped;
  };
  const binding = new Proxy(d1, {
    get(target, key) {
      if (key === 'prepare') return (query: string) => wrap(target.prepare(query));
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          queries += statements.length;
          return target.batch(statements.map((s) => real.get(s) ?? s));
        };
      }
      if (key === 'exec') {
        return (query: string) => {
          queries += query.split(';').filter((q) => q.trim()).length;
          return target.exec(query);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { binding, queries: () => queries, reset: () => void (queries = 0) };
}
