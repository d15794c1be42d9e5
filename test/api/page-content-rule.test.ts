// A page's content is given in exactly one way. openapi.yaml says so (`oneOf` of `required` sets on
// PageContent), so /openapi.json, the generated validators and the server agree, and a refusal names
// the rule in words, for JSON and for multipart forms alike.
import { beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/generated/operations.ts';
import { inputSchemas } from '../../src/generated/schemas.ts';
import { requestValidator } from '../../src/rest/validation.ts';
import { type Account, expectValidation, signupAdmin, useOutpost } from './helpers.ts';

const RULE = "Give the page's content in exactly one of html, files, source_url or (uploading) file";
const HTML = '<!doctype html><title>x</title><p>x</p>';

const t = useOutpost();
let alice: Account;
let pageId: string;

beforeAll(async () => {
  alice = await signupAdmin(t.outpost);
  pageId = (await t.outpost.api('/api/pages', { token: alice.token, body: { html: HTML } })).body.id;
});

const refused: [string, Record<string, unknown>, string[]][] = [
  ['no content', {}, ['html', 'files', 'source_url']],
  ['html and source_url', { html: 'x', source_url: 'http://127.0.0.1/' }, ['html', 'source_url']],
  ['html and files', { html: 'x', files: [{ path: 'index.html', content: 'x' }] }, ['html', 'files']],
];

describe('the published schema', () => {
  it('/openapi.json gives PageContent its properties and a oneOf of required sets, and the upload forms theirs', async () => {
    const { body } = await t.outpost.api('/openapi.json');
    const content = body.components.schemas.PageContent;
    expect(content.type).toBe('object');
    expect(Object.keys(content.properties)).toEqual(['html', 'files', 'source_url', 'render']);
    expect(content.oneOf).toEqual([{ required: ['html'] }, { required: ['files'] }, { required: ['source_url'] }]);
    for (const path of ['/api/pages', '/api/pages/{page_id}/files']) {
      const form = body.paths[path].post.requestBody.content['multipart/form-data'].schema;
      expect(form.oneOf, path).toEqual([{ required: ['file'] }, { required: ['source_url'] }]);
    }
  });

  it('the generated validators refuse what the server refuses, with the same message', () => {
    for (const schema of [operations.createPage.body, operations.replacePageFiles.body, inputSchemas.PageContent]) {
      const check = requestValidator(schema, 'payload');
      expect(check({ html: HTML })).toEqual({ html: HTML });
      for (const [what, body] of refused) expect(() => check(body), what).toThrow(RULE);
    }
  });
});

describe('a JSON body breaking the rule', () => {
  it.each(refused)('%s: 400 naming the rule and the fields, on create and on replace', async (_what, body, keys) => {
    expectValidation(await t.outpost.api('/api/pages', { token: alice.token, body }), 'payload', keys, RULE);
    expectValidation(await t.outpost.api(`/api/pages/${pageId}/files`, { token: alice.token, body }), 'payload', keys, RULE);
  });

  it('another mistake in the same body is named too', async () => {
    const res = await t.outpost.api('/api/pages', { token: alice.token, body: { visibility: 'everyone' } });
    expectValidation(res, 'payload', ['html', 'files', 'source_url', 'visibility']);
    expect(res.body.message).toBe(`Invalid visibility; ${RULE}`);
  });
});

describe('a multipart form', () => {
  async function upload(pathname: string, fields: [string, string, string?][]) {
    const form = new FormData();
    for (const [name, value, filename] of fields) {
      if (filename) form.append(name, new Blob([value]), filename);
      else form.append(name, value);
    }
    const res = await fetch(new URL(pathname, t.outpost.url), { method: 'POST', headers: { authorization: `Bearer ${alice.token}` }, body: form });
    return { status: res.status, headers: res.headers, body: await res.json() };
  }

  it('with only a file passes (the JSON rule does not see the upload), with neither gets the rule', async () => {
    expect((await upload('/api/pages', [['file', HTML, 'index.html']])).status).toBe(201);
    expect((await upload(`/api/pages/${pageId}/files`, [['file', HTML, 'index.html']])).status).toBe(200);
    expectValidation(await upload('/api/pages', [['name', 'nothing']]), 'payload', ['html', 'files', 'source_url'], RULE);
    expectValidation(await upload(`/api/pages/${pageId}/files`, []), 'payload', ['html', 'files', 'source_url'], RULE);
  });

  it('with a file and a source_url gets the rule', async () => {
    const res = await upload('/api/pages', [
      ['source_url', 'http://127.0.0.1:9/'],
      ['file', HTML, 'index.html'],
    ]);
    expectValidation(res, 'payload', ['source_url', 'file'], RULE);
  });
});
