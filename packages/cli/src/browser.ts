// Opening an address in the person's browser (the `open` package, loaded only when a command opens one).
export async function openInBrowser(url: string): Promise<void> {
  const { default: open } = await import('open');
  await open(url);
}
