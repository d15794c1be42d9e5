// The two databases of `npm run db:copy`: the source (Outpost's embedded engine, started in this process on
// DATA_DIR, or a server named by URI) and the target server. Both are reached through the mongodb driver only.
// Threat model: the URIs may carry passwords; what is printed names hosts and the database, never userinfo
// or query options, and error messages are scrubbed of any password before they are shown.
import fs from 'node:fs';
import { MongoClient, type Db, type DbOptions } from 'mongodb';
import { databaseName, openDatabase } from '../db.ts';

/** Values come back as the types they were stored as (int32, double, long, binary, regex), so a copy is exact. */
export const FAITHFUL_BSON: DbOptions = { promoteValues: false, promoteLongs: false, promoteBuffers: false, bsonRegExp: true };

export interface Endpoint {
  db: Db;
  /** What to call it in messages: no credentials, no options. */
  label: string;
  close(): Promise<void>;
}

export class CopyRefusal extends Error {}

/** Outpost's embedded database in `dataDir`, opened the way Outpost opens it (which takes the directory's lock). */
export async function openEmbedded(dataDir: string): Promise<Endpoint> {
  if (!fs.existsSync(dataDir)) throw new CopyRefusal(`DATA_DIR ${dataDir} does not exist: set DATA_DIR (or pass --data-dir) to Outpost's data directory`);
  let database;
  try {
    database = await openDatabase({ dataDir });
  } catch (e) {
    throw new CopyRefusal(
      `Cannot open the embedded database in ${dataDir}: ${(e as Error).message}. ` +
        'If Outpost or `npm run db` is running on this directory, stop it first (or pass --from with the URI of the running `npm run db`, once Outpost is stopped).',
    );
  }
  return {
    db: database.client.db(database.db.databaseName, FAITHFUL_BSON),
    label: `the embedded engine in ${dataDir}`,
    close: () => database.close(),
  };
}

/** A server reached by URI; its database is the one the URI names, else `outpost` (as Outpost chooses it). */
export async function openServer(uri: string, role: 'source' | 'target'): Promise<Endpoint> {
  let client: MongoClient;
  try {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 15_000 });
    await client.connect();
  } catch (e) {
    throw new CopyRefusal(`Cannot connect to the ${role} ${describeUri(uri)}: ${scrub((e as Error).message, [uri])}`);
  }
  return { db: client.db(databaseName(uri), FAITHFUL_BSON), label: describeUri(uri), close: () => client.close() };
}

/** `mongodb://host:port/db` without userinfo or query; a Unix socket host is shown as its path. */
export function describeUri(uri: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/)(?:[^@/]*@)?([^/?]*)/.exec(uri);
  if (!match) return '(an invalid MongoDB URI)';
  const hosts = match[2]
    .split(',')
    .map((h) => (/%2F/i.test(h) ? safeDecode(h) : h))
    .join(',');
  return `${match[1]}${hosts}/${databaseName(uri)}`;
}

/** Whether two URIs name the same hosts and database (credentials and options aside). */
export function sameDatabase(a: string, b: string): boolean {
  return describeUri(a).toLowerCase() === describeUri(b).toLowerCase();
}

/** `message` with the password of each URI (raw and decoded) replaced by ****. */
export function scrub(message: string, uris: Array<string | undefined>): string {
  let out = message;
  for (const uri of uris) {
    const password = uri && /^mongodb(?:\+srv)?:\/\/[^:@/]*:([^@/]*)@/.exec(uri)?.[1];
    if (!password) continue;
    for (const secret of new Set([password, safeDecode(password)])) if (secret) out = out.split(secret).join('****');
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
