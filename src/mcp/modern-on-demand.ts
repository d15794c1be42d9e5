// The 2026-07-28 handler (modern-transport.ts, with the SDK 2.x) loaded on the first POST to /mcp instead of
// at start: a start does not pay for the SDK 2.x, and a server that never sees MCP never loads it.
import type { ModernMcp } from './modern-transport.ts';

/** Loads the handler's modules ahead of the first request (after the server listens). */
export async function warmModernMcp(): Promise<void> {
  await import('./modern-transport.ts');
}

export function modernMcpOnDemand(publicUrl: string, onError: (error: Error) => void): ModernMcp {
  let made: ModernMcp | undefined;
  let making: Promise<ModernMcp> | undefined;
  let closed = false;
  const modern = (): Promise<ModernMcp> =>
    (making ??= import('./modern-transport.ts').then(
      ({ createModernMcp }) => {
        made = createModernMcp(publicUrl, onError);
        if (closed) made.endStreams();
        return made;
      },
      (err: unknown) => {
        making = undefined;
        throw err;
      },
    ));
  return {
    async claims(request) {
      return (await modern()).claims(request);
    },
    async serve(request, h, ctx, options) {
      return (await modern()).serve(request, h, ctx, options);
    },
    // Until the handler exists there is no listen stream to tell, or to end.
    toolsChanged() {
      made?.toolsChanged();
    },
    endStreams() {
      closed = true;
      made?.endStreams();
    },
    async close() {
      closed = true;
      await making?.then(
        (m) => m.close(),
        () => {},
      );
    },
  };
}
