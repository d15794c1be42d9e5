// The one headless Chromium of this instance's browser passes (browser-pass.ts): imported and launched on
// first use, relaunched after a crash, closed at shutdown. Launched with every way out of its own closed:
// its proxy is a loopback port that drops each connection (so a request the pass's interception misses
// reaches nothing), no DNS (every name maps to "not found"), no QUIC, WebRTC only through that proxy (no
// bare UDP), and none of Chromium's own background traffic. A page's script heap is capped (past it, its
// renderer crashes and that pass fails, not the host).
import net from 'node:net';
import type { Browser } from 'playwright-core';

const LAUNCH_ARGS = [
  '--disable-gpu',
  '--js-flags=--max-old-space-size=512',
  '--no-first-run',
  '--disable-quic',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
  '--dns-prefetch-disable',
  '--no-pings',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-domain-reliability',
  '--disable-sync',
];

/** A launch that takes longer failed (playwright-core's default is three minutes). */
const LAUNCH_TIMEOUT_MS = 30_000;

interface Running {
  browser: Browser;
  /** The proxy: a listener on 127.0.0.1 that drops every connection. */
  deadEnd: net.Server;
}

export class BrowserProcess {
  readonly #executablePath: string;
  /**
   * Told when a connection reached the dead-end proxy: Chromium's own background traffic, or a request the
   * interception does not see (a blob: worker's fetch, in playwright-core 1.65).
   */
  readonly #onEscape: () => void;
  #running: Promise<Running> | undefined;

  constructor(executablePath: string, onEscape: () => void) {
    this.#executablePath = executablePath;
    this.#onEscape = onEscape;
  }

  /** The browser, launched on the first call (a failed launch is tried again by the next). */
  browser(): Promise<Browser> {
    this.#running ??= this.#launch().catch((err: unknown) => {
      this.#running = undefined;
      throw err;
    });
    return this.#running.then((r) => r.browser);
  }

  async #launch(): Promise<Running> {
    const deadEnd = net.createServer((socket) => {
      this.#onEscape();
      socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      deadEnd.once('error', reject);
      deadEnd.listen(0, '127.0.0.1', () => resolve());
    });
    try {
      const { chromium } = await import('playwright-core');
      const { port } = deadEnd.address() as net.AddressInfo;
      const browser = await chromium.launch({
        executablePath: this.#executablePath,
        args: LAUNCH_ARGS,
        // playwright-core also sends loopback through the proxy (it adds "<-loopback>" to the bypass list).
        proxy: { server: `http://127.0.0.1:${port}` },
        timeout: LAUNCH_TIMEOUT_MS,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
      const running: Running = { browser, deadEnd };
      browser.on('disconnected', () => void this.#forget(running));
      return running;
    } catch (err) {
      deadEnd.close();
      throw err;
    }
  }

  /** After a crash: the next browser() launches a new one. */
  async #forget(running: Running): Promise<void> {
    const current = await this.#running?.catch(() => undefined);
    if (current === running) this.#running = undefined;
    if (running.deadEnd.listening) running.deadEnd.close();
  }

  async close(): Promise<void> {
    const running = await this.#running?.catch(() => undefined);
    this.#running = undefined;
    if (!running) return;
    await running.browser.close().catch(() => {});
    if (running.deadEnd.listening) running.deadEnd.close();
  }
}
