// A named lease in MongoDB (`leases` collection): at most one holder at a time across every instance on
// the database, until it expires (a holder that dies blocks the others for at most one lease term).
import { MongoServerError, type Db } from 'mongodb';

export const LEASES = 'leases';

interface LeaseDoc {
  _id: string;
  holder: string;
  expires_at: Date;
}

const leases = (db: Db) => db.collection<LeaseDoc>(LEASES);

/** Takes the lease (or renews it, if `holder` has it) for `ttlMs`; false when someone else holds it. */
export async function takeLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date();
  try {
    const doc = await leases(db).findOneAndUpdate(
      { _id: name, $or: [{ holder }, { expires_at: { $lte: now } }] },
      { $set: { holder, expires_at: new Date(now.getTime() + ttlMs) } },
      { upsert: true, returnDocument: 'after' },
    );
    return doc?.holder === holder;
  } catch (e) {
    // Held by another and not expired: the filter missed, and the upsert collided with the existing lease.
    if (e instanceof MongoServerError && e.code === 11000) return false;
    throw e;
  }
}

/** Gives the lease up if `holder` has it, so another instance can take it at once. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await leases(db).updateOne({ _id: name, holder }, { $set: { expires_at: new Date(0) } });
}

/** Who holds the lease now, if anyone. */
export async function leaseHolder(db: Db, name: string): Promise<string | null> {
  const doc = await leases(db).findOne({ _id: name, expires_at: { $gt: new Date() } });
  return doc?.holder ?? null;
}
