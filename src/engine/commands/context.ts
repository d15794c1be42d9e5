import type { CursorRegistry } from '../cursors.ts';
import type { ScramConversation, ScramKeys } from '../scram.ts';
import type { Store } from '../store.ts';
import type { Doc } from '../values.ts';

/** What one client connection has proven. */
export interface ConnectionAuth {
  user?: string;
  conversation?: {
    id: number;
    scram: ScramConversation;
    skipEmptyExchange: boolean;
    /** The proof was checked and the server's signature sent; only the empty closing step is left. */
    verified: boolean;
  };
}

export interface CommandContext {
  store: Store;
  cursors: CursorRegistry;
  /** The command's database (`$db`). */
  db: string;
  connectionId: number;
  /** What this connection has authenticated as (kept across its commands). */
  connection: ConnectionAuth;
  /** Set when clients must authenticate (SCRAM-SHA-256) before anything but the handshake. */
  auth: ScramKeys | undefined;
  /** True when the command arrived as a legacy OP_QUERY (the driver's first handshake). */
  legacy: boolean;
}

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc;
