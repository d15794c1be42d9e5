// Placeholder until the screen is built.
export function Tokens() {
  return (
    <section>
      <h1 tabIndex={-1}>Tokens</h1>
    </section>
  );
}
