// Server-initiated notifications for sessions whose GET stream is open in this process: they are
// stored as events of the session's standalone stream, which the GET handler delivers.
import type { Db } from 'mongodb';
import { storeEvent } from './events.ts';

export class StandaloneStreams {
  private readonly open = new Map<string, number>();
  private lastSeq = 0;

  /** Counts an open GET stream of a session; returns the function that uncounts it. */
  add(sessionId: string): () => void {
    this.open.set(sessionId, (this.open.get(sessionId) ?? 0) + 1);
    return () => {
      const n = (this.open.get(sessionId) ?? 1) - 1;
      if (n <= 0) this.open.delete(sessionId);
      else this.open.set(sessionId, n);
    };
  }

  /** Monotonic sequence numbers (time-based, so they also order across restarts). */
  nextSeq(): number {
    this.lastSeq = Math.max(this.lastSeq + 1, Date.now() * 1000);
    return this.lastSeq;
  }

  async broadcast(db: Db, streamIdOf: (sessionId: string) => string, message: unknown): Promise<void> {
    await Promise.all([...this.open.keys()].map((sid) => storeEvent(db, sid, streamIdOf(sid), this.nextSeq(), message)));
  }
}
