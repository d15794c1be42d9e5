// Placeholder until the screen is built.
export function Invitations() {
  return (
    <section>
      <h1 tabIndex={-1}>Invitations</h1>
    </section>
  );
}
