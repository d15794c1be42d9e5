// What db:copy prints about a URI: hosts and database, never the credentials or the options.
import { describe, expect, it } from 'vitest';
import { describeUri, sameDatabase, scrub } from '../../src/db-copy/endpoints.ts';

describe('db:copy URI descriptions', () => {
  it('names the hosts and the database, without userinfo or query', () => {
    expect(describeUri('mongodb://outpost:s3cr%40t@db1:27017,db2:27017/pages?authSource=admin&tlsCertificateKeyFilePassword=x')).toBe(
      'mongodb://db1:27017,db2:27017/pages',
    );
    expect(describeUri('mongodb+srv://u:p@cluster0.example.net/?retryWrites=true')).toBe('mongodb+srv://cluster0.example.net/outpost');
    expect(describeUri('mongodb://%2Fsrv%2Foutpost%2Fengine.sock/?directConnection=true')).toBe('mongodb:///srv/outpost/engine.sock/outpost');
  });

  it('scrubs a password, raw or decoded, from messages', () => {
    const uri = 'mongodb://outpost:p%40ss-word@db:27017/outpost';
    expect(scrub('auth failed for p@ss-word and p%40ss-word', [uri, undefined])).toBe('auth failed for **** and ****');
    expect(scrub('nothing to hide', ['mongodb://db/outpost'])).toBe('nothing to hide');
  });

  it('tells the same database apart from another one on the same server', () => {
    expect(sameDatabase('mongodb://a:b@DB:27017/outpost', 'mongodb://db:27017/outpost?w=1')).toBe(true);
    expect(sameDatabase('mongodb://db:27017/outpost', 'mongodb://db:27017/moved')).toBe(false);
  });
});
