/**
 * Coalesces the calls made during one turn of the event loop into bulk calls of at most `maxSize` keys:
 * a worker batch of passbacks then costs a few statements instead of a few per passback.
 * `bulk` returns one result per key, in the order of the keys.
 */
export function createBatcher<K, R>(bulk: (keys: K[]) => Promise<R[]>, maxSize = 500): (key: K) => Promise<R> {
  let pending: Array<{ key: K; resolve(r: R): void; reject(e: unknown): void }> = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    for (let i = 0; i < batch.length; i += maxSize) {
      const slice = batch.slice(i, i + maxSize);
      bulk(slice.map((c) => c.key)).then(
        (results) => slice.forEach((c, j) => c.resolve(results[j] as R)),
        (err) => slice.forEach((c) => c.reject(err)),
      );
    }
  };
  return (key) =>
    new Promise<R>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ key, resolve, reject });
    });
}
