/**
 * `compute` remembered for the keys it was last asked, for values a busy server recomputes
 * thousands of times (the current second's text, a member name's CloudTrail spelling). Bounded by
 * forgetting everything at `limit` keys: simpler than LRU and enough where a few keys recur.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= limit) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
