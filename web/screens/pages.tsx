// Placeholder until the screen is built.
export function Pages() {
  return (
    <section>
      <h1 tabIndex={-1}>Pages</h1>
    </section>
  );
}
