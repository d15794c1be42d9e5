// The Outpost side of a bench: a real server in this process (in-memory database, no response
// checks, a budget that never runs out) with one signed-up user and an API token.
import { signupAndLogin, startTestOutpost, type TestOutpost, type TestOptions } from '../test/support/outpost.ts';

export interface BenchOutpost {
  outpost: TestOutpost;
  apiToken: string;
  /** POSTs JSON as the bench user; throws on a refusal. */
  post(pathname: string, body: unknown): Promise<Record<string, unknown>>;
}

export async function startBenchOutpost(env: Record<string, string> = {}, options: TestOptions = {}): Promise<BenchOutpost> {
  const outpost = await startTestOutpost({ RATE_LIMIT_REQUESTS: '1000000', ...env }, { ...options, validateResponses: false });
  const { token: session } = await signupAndLogin(outpost, 'bench@example.com');
  const post = async (pathname: string, body: unknown, token: string) => {
    const res = await outpost.api(pathname, { token, body });
    if (res.status >= 300) throw new Error(`POST ${pathname}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };
  const apiToken = (await post('/api/tokens', { name: 'bench' }, session)).token as string;
  return { outpost, apiToken, post: (pathname, body) => post(pathname, body, apiToken) };
}
