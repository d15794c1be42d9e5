// --copy: text onto the clipboard through clipboardy (pbcopy, clip, wl-copy or xsel); where none works (a
// server over SSH) and stderr is a terminal, through the terminal itself (OSC 52, which most terminals honour).
export type CopiedThrough = 'clipboard' | 'terminal';

export async function copyText(text: string): Promise<CopiedThrough> {
  try {
    // Loaded only when asked: it is the one heavy dependency, and most runs never copy.
    const { default: clipboard } = await import('clipboardy');
    await clipboard.write(text);
    return 'clipboard';
  } catch (error) {
    if (!process.stderr.isTTY) throw new Error(`Could not copy the URL: ${firstLine(error)}`, { cause: error });
    process.stderr.write(`\x1b]52;c;${Buffer.from(text).toString('base64')}\x07`);
    return 'terminal';
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
