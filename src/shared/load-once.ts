// A value made once, on first use, and shared: for modules a start does not import (loaded when first needed).

export interface Once<T> {
  (): Promise<T>;
  /** The value's promise if a call made one (and it has not failed): for closing what was made, if anything. */
  current(): Promise<T> | undefined;
}

/**
 * `make()` runs on the first call and every caller gets its promise; a failure reaches each caller waiting on it
 * and the next call tries again (a failed import is not remembered).
 */
export function loadOnce<T>(make: () => Promise<T>): Once<T> {
  let made: Promise<T> | undefined;
  const once = () =>
    (made ??= make().catch((err: unknown) => {
      made = undefined;
      throw err;
    }));
  return Object.assign(once, { current: () => made });
}
