// Requests in flight in this process, by scope (session or user) and request id: a `notifications/cancelled`
// arrives in its own HTTP exchange and is handed to whatever runs the request, which then aborts it and
// sends no response.
import type { JSONRPCMessage, MessageExtraInfo, RequestId } from '@modelcontextprotocol/sdk/types.js';

export interface CancellableExchange {
  receive(message: JSONRPCMessage, extra?: MessageExtraInfo): void;
}

export const inFlight = new Map<string, CancellableExchange>();

export const flightKey = (scope: string, id: RequestId | undefined) => `${scope}\0${typeof id}:${id}`;
