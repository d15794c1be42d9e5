import { pathTo } from '../router.ts';

/** A page screen's answer when its page can't be loaded: what went wrong, and the way back. */
export function PageNotFound({ message }: { message: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p role="alert">{message}</p>
      <a href={pathTo('home')}>Back to your pages</a>
    </section>
  );
}
