// Placeholder until the screen is built.
export function Account() {
  return (
    <section>
      <h1 tabIndex={-1}>Account</h1>
    </section>
  );
}
