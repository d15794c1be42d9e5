import { pathTo } from '../router.ts';

export function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>Nothing here</h1>
      <p>
        This address is not a screen of Outpost. <a href={pathTo('home')}>Go to your pages</a>.
      </p>
    </section>
  );
}
