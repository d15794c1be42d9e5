// Placeholder until the screen is built.
export function Publish() {
  return (
    <section>
      <h1 tabIndex={-1}>Publish</h1>
    </section>
  );
}
