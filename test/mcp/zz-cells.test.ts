import { afterAll, beforeAll, it } from 'vitest';
import { signupAndLogin, startTestOutpost, type TestOutpost } from '../support/outpost.ts';
let outpost: TestOutpost;
let token: string;
beforeAll(async () => {
  outpost = await startTestOutpost({ SIGNUP_MODE: 'open' });
  const { token: jwt } = await signupAndLogin(outpost, 'c@example.com');
  token = (await outpost.api('/api/tokens', { token: jwt, body: { name: 'm' } })).body.token;
});
afterAll(async () => outpost?.stop());
const META = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientCapabilities': {},
  'io.modelcontextprotocol/clientInfo': { name: 'x', version: '1' },
};
async function post(body: unknown, headers: Record<string, string>) {
  const res = await fetch(new URL('/mcp', outpost.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  return `${res.status} ${res.headers.get('content-type')} ${(await res.text()).slice(0, 400)}`;
}
it('cells', async () => {
  const H = { 'MCP-Protocol-Version': '2026-07-28' };
  console.log('discover', await post({ jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: META } }, { ...H, 'Mcp-Method': 'server/discover' }));
  console.log('no mcp-method', await post({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: META } }, { ...H }));
  console.log('no version hdr', await post({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: META } }, { 'Mcp-Method': 'tools/list' }));
  console.log(
    'mismatch name',
    await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_list', arguments: {}, _meta: META } },
      { ...H, 'Mcp-Method': 'tools/call', 'Mcp-Name': 'other' },
    ),
  );
  console.log(
    'no name',
    await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_list', arguments: {}, _meta: META } },
      { ...H, 'Mcp-Method': 'tools/call' },
    ),
  );
  console.log(
    'bad version',
    await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { _meta: { ...META, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } },
      { 'MCP-Protocol-Version': '2099-01-01', 'Mcp-Method': 'tools/list' },
    ),
  );
  console.log('header no meta', await post({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }, { ...H, 'Mcp-Method': 'tools/list' }));
  console.log('unknown method', await post({ jsonrpc: '2.0', id: 1, method: 'foo/bar', params: { _meta: META } }, { ...H, 'Mcp-Method': 'foo/bar' }));
  console.log('ping', await post({ jsonrpc: '2.0', id: 1, method: 'ping', params: { _meta: META } }, { ...H, 'Mcp-Method': 'ping' }));
  console.log(
    'tasks/get',
    await post({ jsonrpc: '2.0', id: 1, method: 'tasks/get', params: { taskId: 'x', _meta: META } }, { ...H, 'Mcp-Method': 'tasks/get', 'Mcp-Name': 'x' }),
  );
  console.log('legacy bad version', await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'MCP-Protocol-Version': '2099-01-01' }));
  console.log(
    'tools/call',
    await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'outpost_list', arguments: {}, _meta: META } },
      { ...H, 'Mcp-Method': 'tools/call', 'Mcp-Name': 'outpost_list' },
    ),
  );
  console.log(
    'tools/call unknown',
    await post(
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'nope', arguments: {}, _meta: META } },
      { ...H, 'Mcp-Method': 'tools/call', 'Mcp-Name': 'nope' },
    ),
  );
  const res = await fetch(new URL('/mcp', outpost.url), {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://x.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'mcp-method, mcp-name, mcp-protocol-version, authorization, content-type',
    },
  });
  console.log('options', res.status, res.headers.get('access-control-allow-headers'));
});
