// Placeholder until the screen is built.
export function Connect() {
  return (
    <section>
      <h1 tabIndex={-1}>Connect</h1>
    </section>
  );
}
