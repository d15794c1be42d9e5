// A value made once, on first use, and shared: for modules a start does not import (loaded when first needed).

/**
 * `make()` runs on the first call and every caller gets its promise; a failure reaches each caller waiting on it
 * and the next call tries again (a failed import is not remembered).
 */
export function loadOnce<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () =>
    (made ??= make().catch((err: unknown) => {
      made = undefined;
      throw err;
    }));
}
