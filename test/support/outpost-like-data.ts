// A database shaped like Outpost's, for db:copy's test and bench: plain collections with unique, compound,
// partial, sparse and TTL indexes, values of every BSON type that must survive a copy exactly, an empty
// collection, and a GridFS bucket of random files (sizes chosen by the caller).
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Binary, Decimal128, Double, GridFSBucket, Int32, Long, ObjectId, Timestamp, type Db } from 'mongodb';

export const BUCKET = 'page_files';
export const CHUNK_SIZE = 255 * 1024;
const DAY_MS = 86_400_000;

export interface SeededFile {
  id: ObjectId;
  filename: string;
  bytes: Buffer;
}

export async function seedOutpostLikeData(db: Db, fileSizes: number[], users = 200): Promise<SeededFile[]> {
  const now = Date.now();
  await db.collection('users').createIndex({ email: 1 }, { unique: true, name: 'email_unique' });
  await db.collection('users').insertMany(
    Array.from({ length: users }, (_, i) => ({
      _id: new ObjectId(),
      email: `user${i}@example.test`,
      quota: new Long(1024 * 1024 * (i + 1)),
      ratio: new Double(1),
      rank: new Int32(i),
      price: Decimal128.fromString('12.50'),
      avatar: new Binary(randomBytes(16)),
      pattern: /^user\d+$/i,
      seen: new Timestamp({ t: 1_700_000_000, i }),
      created_at: new Date(now - i * 1000),
      roles: i % 7 === 0 ? ['admin', 'user'] : ['user'],
      profile: { name: `User ${i}`, bio: null, nested: { deep: [1, { x: 'y' }] } },
    })),
  );
  const sessions = db.collection<{ _id: string; user: number; expires_at: Date }>('browser_sessions');
  await sessions.createIndex({ expires_at: 1 }, { name: 'expires', expireAfterSeconds: 0 });
  await sessions.insertMany(Array.from({ length: 30 }, (_, i) => ({ _id: `s${i}`, user: i, expires_at: new Date(now + DAY_MS) })));
  // Already expired: either server's TTL monitor may delete it at any time.
  await sessions.insertOne({ _id: 'expired', user: 0, expires_at: new Date(now - DAY_MS) });
  await db.collection('capture_jobs').createIndex({ finished_at: 1 }, { name: 'finished_expiry', expireAfterSeconds: 30 * 86_400 });
  await db.collection('capture_jobs').insertMany(Array.from({ length: 20 }, (_, i) => ({ state: 'done', finished_at: new Date(now - i * 1000), n: i })));
  const pages = db.collection('pages');
  await pages.createIndexes([
    { key: { owner: 1, slug: 1 }, name: 'owner_slug', unique: true },
    { key: { share_token: 1 }, name: 'share_token', unique: true, partialFilterExpression: { share_token: { $type: 'string' } } },
    { key: { tag: 1 }, name: 'tag', sparse: true },
  ]);
  await pages.insertMany(
    Array.from({ length: 100 }, (_, i) => ({
      owner: i % 10,
      slug: `page-${i}`,
      ...(i % 3 === 0 ? { share_token: `t${i}` } : {}),
      ...(i % 2 ? { tag: 'x' } : {}),
    })),
  );
  await db.createCollection('leases');

  const bucket = new GridFSBucket(db, { bucketName: BUCKET, chunkSizeBytes: CHUNK_SIZE });
  const files: SeededFile[] = [];
  for (const [i, size] of fileSizes.entries()) {
    const bytes = randomBytes(size);
    const filename = `pages/${i}/file-${size}.bin`;
    const upload = bucket.openUploadStream(filename, { metadata: { page: i } });
    await pipeline(Readable.from([bytes]), upload);
    files.push({ id: upload.id as ObjectId, filename, bytes });
  }
  return files;
}
