// Progress of a copy or verification pass, per collection: documents (of the expected count), bytes and rate.
// On a terminal one line is redrawn a few times a second; elsewhere (logs, CI) a line is printed every few
// seconds, and always one when a collection is done.

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private readonly out: ProgressOutput;
  private readonly interactive: boolean;
  private readonly intervalMs: number;
  private label = '';
  private expected = 0;
  private docs = 0;
  private bytes = 0;
  private started = 0;
  private lastShown = 0;

  constructor(out: ProgressOutput, options: { interactive?: boolean; intervalMs?: number } = {}) {
    this.out = out;
    this.interactive = options.interactive ?? Boolean(out.isTTY);
    this.intervalMs = options.intervalMs ?? (this.interactive ? 200 : 5_000);
  }

  begin(label: string, expectedDocs: number): void {
    this.label = label;
    this.expected = expectedDocs;
    this.docs = 0;
    this.bytes = 0;
    this.started = this.lastShown = Date.now();
  }

  advance(docs: number, bytes: number): void {
    this.docs += docs;
    this.bytes += bytes;
    const now = Date.now();
    if (now - this.lastShown < this.intervalMs) return;
    this.lastShown = now;
    this.show(false);
  }

  /** The collection's closing line; returns its totals. */
  end(note = ''): { docs: number; bytes: number } {
    this.show(true, note);
    return { docs: this.docs, bytes: this.bytes };
  }

  private show(final: boolean, note = ''): void {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const docs = final ? `${count(this.docs)} docs` : `${count(this.docs)}/${count(this.expected)} docs`;
    const line = `  ${this.label}: ${docs}, ${megabytes(this.bytes)}, ${megabytes(this.bytes / seconds)}/s${final ? `, ${seconds.toFixed(1)} s` : ''}${note}`;
    if (this.interactive) this.out.write(`\r\x1b[K${line}${final ? '\n' : ''}`);
    else this.out.write(`${line}\n`);
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

/** 1234567 → 1,234,567 (toLocaleString would load ICU's data for this). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
