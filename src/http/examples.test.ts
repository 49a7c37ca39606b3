import 'reflect-metadata';
import { parse, validate } from 'graphql';
import { buildBareSchema } from '../graphql/schema';
import { exampleTabs } from './examples';

describe('the GraphiQL example operations', () => {
  it('are all valid against the schema the server serves, so they cannot rot', async () => {
    const schema = await buildBareSchema();
    const problems = exampleTabs().flatMap((tab) => validate(schema, parse(tab.query)).map((e) => e.message));
    expect(problems).toEqual([]);
  });

  it('preset each role\'s token and purpose when dev tokens exist', () => {
    const tabs = exampleTabs([
      { role: 'PARTNER', bound: 'x', token: 'p.t.k' },
      { role: 'DEPARTMENT', bound: 'x', token: 'd.t.k' },
    ]);
    const headers = tabs.map((t) => (t.headers ? JSON.parse(t.headers) : {}));
    expect(headers).toEqual(expect.arrayContaining([
      { Authorization: 'Bearer p.t.k', 'X-Purpose': 'PUBLIC_RESOURCE_TRADING' },
      { Authorization: 'Bearer d.t.k', 'X-Purpose': 'CREDIT_SUPERVISION' },
    ]));
  });
});
