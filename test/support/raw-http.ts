// One HTTP request as it goes on the wire, for tests that look at exactly what the server sends: nothing is
// decompressed, no redirect is followed, and no header is added but Host.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The body as UTF-8. */
  text: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send `path` as given ("./", "../" and "%2E" stay) instead of resolving it against `base` first. */
  verbatim?: boolean;
}

export function rawRequest(base: string, path: string, { method = 'GET', headers = {}, body, verbatim = false }: RawRequest = {}): Promise<RawResponse> {
  const url = new URL(path, base);
  const options: http.RequestOptions = { method, headers, agent: false, ...(verbatim ? { hostname: url.hostname, port: url.port, path } : {}) };
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, body: bytes, text: bytes.toString('utf8') });
      });
      res.on('error', reject);
    };
    const req = verbatim ? http.request(options, onResponse) : http.request(url, options, onResponse);
    req.on('error', reject);
    req.end(body);
  });
}
