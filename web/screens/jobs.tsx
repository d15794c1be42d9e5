// Placeholder until the screen is built.
export function Jobs() {
  return (
    <section>
      <h1 tabIndex={-1}>Jobs</h1>
    </section>
  );
}
