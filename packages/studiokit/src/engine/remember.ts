/**
 * `make(key)`, kept in `cache` for the next ask: the engine's lookups see a flow's few distinct
 * values (match lists, patterns, mock globs, hours) over and over. Bounded for long-lived
 * processes: once `bound` are kept, all are let go and the cache starts again. (`make` never
 * answers undefined; pass a named function, not a new closure per ask, on a hot path.)
 */
export function remember<K, V>(cache: Map<K, V>, key: K, make: (key: K) => V, bound = 1000): V {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make(key);
  if (cache.size >= bound) cache.clear();
  cache.set(key, value);
  return value;
}
