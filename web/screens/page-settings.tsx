// Placeholder until the screen is built.
export function PageSettings({ pageId }: { pageId: string }) {
  return (
    <section>
      <h1 tabIndex={-1}>Page {pageId}</h1>
    </section>
  );
}
