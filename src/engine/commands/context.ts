import type { CursorRegistry } from '../cursors.ts';
import type { Store } from '../store.ts';
import type { Doc } from '../values.ts';

export interface CommandContext {
  store: Store;
  cursors: CursorRegistry;
  /** The command's database (`$db`). */
  db: string;
  connectionId: number;
  /** True when the command arrived as a legacy OP_QUERY (the driver's first handshake). */
  legacy: boolean;
}

export type CommandHandler = (cmd: Doc, ctx: CommandContext) => Doc;
