// An HTTPS server on loopback with a certificate from a test certificate authority made here (openssl), for
// Client ID Metadata Documents: the authorization server trusts the CA through OAUTH_CLIENT_METADATA_CA_FILE.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Documents {
  [pathname: string]: { body: string; headers?: Record<string, string> };
}

export class HttpsFixture {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outpost-cimd-'));
  readonly caFile = path.join(this.dir, 'ca.pem');
  readonly documents: Documents = {};
  readonly requests: string[] = [];
  private server: https.Server | undefined;

  async start(): Promise<void> {
    const file = (name: string) => path.join(this.dir, name);
    const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
    openssl(
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      file('ca.key'),
      '-out',
      this.caFile,
      '-days',
      '1',
      '-subj',
      '/CN=Outpost test CA',
    );
    openssl(
      'req',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=localhost',
    );
    fs.writeFileSync(file('ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    openssl(
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      this.caFile,
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.pem'),
      '-days',
      '1',
      '-extfile',
      file('ext.cnf'),
    );
    this.server = https.createServer({ key: fs.readFileSync(file('server.key')), cert: fs.readFileSync(file('server.pem')) }, (req, res) => {
      this.requests.push(req.url ?? '');
      const doc = this.documents[req.url ?? ''];
      if (!doc) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', ...doc.headers });
      res.end(doc.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  url(pathname: string): string {
    return `https://localhost:${this.port}${pathname}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
