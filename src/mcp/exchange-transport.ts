// An SDK Transport for one HTTP exchange: messages in from the request body, messages out to
// whatever the HTTP layer decides (a JSON body or an SSE stream).
import type { Transport, TransportSendOptions } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, MessageExtraInfo, RequestId } from '@modelcontextprotocol/sdk/types.js';

export type Deliver = (message: JSONRPCMessage, relatedRequestId: RequestId | undefined) => void | Promise<void>;

export class ExchangeTransport implements Transport {
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  sessionId?: string;
  /** Called when a `notifications/cancelled` for a request of this exchange arrives. */
  onCancelled?: (requestId: RequestId) => void;
  private readonly deliver: Deliver;

  constructor(deliver: Deliver, sessionId?: string) {
    this.deliver = deliver;
    this.sessionId = sessionId;
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    await this.deliver(message, options?.relatedRequestId);
  }

  async close(): Promise<void> {
    this.onclose?.();
  }

  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void {
    this.onmessage?.(message, extra);
    const m = message as { method?: string; params?: { requestId?: RequestId } };
    if (m.method === 'notifications/cancelled' && m.params?.requestId !== undefined) this.onCancelled?.(m.params.requestId);
  }
}
