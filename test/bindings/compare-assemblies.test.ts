import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareAssemblies, jsonDifferences } from './compare-assemblies';

// The comparison that `npx projen bindings` runs between the TypeScript example and the Python, Java and Go apps:
// every kind of difference a binding can introduce must be reported, and nothing else.

const template = {
  Resources: {
    Proxy: {
      Type: 'Custom::ChimeVoiceConnectorProxy',
      Properties: { DefaultSessionExpiryMinutes: 120, PhoneNumberPoolCountries: ['US', 'CA'], Disabled: false, RemovalPolicy: 'destroy' },
    },
    Orders: {
      Type: 'Custom::CustomerProfilesObjectType',
      Properties: { Fields: { email: { ContentType: 'EMAIL_ADDRESS' }, orderId: { ContentType: 'STRING' } } },
    },
  },
};

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function assembly(edit: (files: Record<string, string>) => void = () => {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-'));
  made.push(dir);
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify({ version: '53.0.0', minimumCliVersion: '2.1125.0', artifacts: { Stack: { type: 'aws:cloudformation:stack' } } }),
    'Stack.template.json': JSON.stringify(template, undefined, 1),
    'Stack.assets.json': JSON.stringify({ files: { abc: { source: { path: 'asset.abc' } } } }),
    'tree.json': JSON.stringify({ tree: { constructInfo: { fqn: 'constructs.Construct' } } }),
    'asset.abc/index.js': 'exports.handler = async () => {};\n',
  };
  edit(files);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** The template with one change to the VoiceConnectorProxy's properties. */
function withProxy(properties: Record<string, unknown>) {
  return (files: Record<string, string>) => {
    const t = JSON.parse(files['Stack.template.json']);
    t.Resources.Proxy.Properties = { ...t.Resources.Proxy.Properties, ...properties };
    files['Stack.template.json'] = JSON.stringify(t, undefined, 1);
  };
}

const differences = (edit: (files: Record<string, string>) => void) => compareAssemblies(assembly(), assembly(edit)).differences;

test('the same assembly has no difference, and says what was compared', () => {
  expect(compareAssemblies(assembly(), assembly())).toEqual({ differences: [], filesCompared: 4, assets: 1, resources: 2 });
});

test('tree.json and the manifest\'s minimumCliVersion are left out', () => {
  expect(differences((f) => {
    f['tree.json'] = JSON.stringify({ tree: { constructInfo: { fqn: 'cdk-contact-center-resources.VoiceConnectorProxy' } } });
    f['manifest.json'] = f['manifest.json'].replace('2.1125.0', '2.1114.1');
  })).toEqual([]);
});

test.each([
  ['a Duration that arrives as a string', { DefaultSessionExpiryMinutes: '120' },
    'Stack.template.json: .Resources.Proxy.Properties.DefaultSessionExpiryMinutes: TypeScript has 120, here "120"'],
  ['an enum that arrives by its name', { RemovalPolicy: 'DESTROY' },
    'Stack.template.json: .Resources.Proxy.Properties.RemovalPolicy: TypeScript has "destroy", here "DESTROY"'],
  ['a token list that arrives as one string', { PhoneNumberPoolCountries: 'US,CA' },
    'Stack.template.json: .Resources.Proxy.Properties.PhoneNumberPoolCountries: TypeScript has ["US","CA"], here "US,CA"'],
  ['a list that loses an item', { PhoneNumberPoolCountries: ['US'] },
    'Stack.template.json: .Resources.Proxy.Properties.PhoneNumberPoolCountries: 2 items in TypeScript, 1 here: ["US","CA"] against ["US"]'],
  ['a struct member that arrives with another name', { FallBackPhoneNumber: '+12065550100' },
    'Stack.template.json: .Resources.Proxy.Properties.FallBackPhoneNumber: not in TypeScript (here "+12065550100")'],
])('reports %s', (_name, properties, message) => {
  expect(differences(withProxy(properties))).toEqual([message]);
});

test('reports a property that is missing, and a resource that is missing', () => {
  expect(differences((f) => {
    const t = JSON.parse(f['Stack.template.json']);
    delete t.Resources.Proxy.Properties.Disabled;
    delete t.Resources.Orders;
    f['Stack.template.json'] = JSON.stringify(t, undefined, 1);
  })).toEqual([
    'Stack.template.json: .Resources.Orders: missing (TypeScript has {"Type":"Custom::CustomerProfilesObjectType","Properties":{"Fields":{"email":{"ContentType":"EMAIL_ADDRESS"},"orderId":{"ContentType":"STRING"}}}})',
    'Stack.template.json: .Resources.Proxy.Properties.Disabled: missing (TypeScript has false)',
  ]);
});

test('reports a map whose keys come in another order', () => {
  expect(differences((f) => {
    f['Stack.template.json'] = f['Stack.template.json'].replace(/"email": \{[^}]*\},\s*("orderId": \{[^}]*\})/, '$1, "email": { "ContentType": "EMAIL_ADDRESS" }');
  })).toEqual(['Stack.template.json: .Resources.Orders.Properties.Fields: keys in another order: TypeScript ["email","orderId"], here ["orderId","email"]']);
});

test('reports a handler asset that differs by one byte, or is missing, or is extra', () => {
  expect(differences((f) => { f['asset.abc/index.js'] = 'exports.handler = async () => {};;\n'; }))
    .toEqual([expect.stringMatching(/^asset\.abc\/index\.js: bytes differ \(sha256 [0-9a-f]{16} in TypeScript, [0-9a-f]{16} here\)$/)]);
  expect(differences((f) => { delete f['asset.abc/index.js']; f['asset.def/index.js'] = 'x'; }))
    .toEqual(['asset.abc/index.js: missing', 'asset.def/index.js: not in the TypeScript example\'s assembly']);
});

test('reports an asset manifest that names another asset', () => {
  expect(differences((f) => { f['Stack.assets.json'] = f['Stack.assets.json'].replace(/abc/g, 'abd'); })).toEqual([
    'Stack.assets.json: .files.abc: missing (TypeScript has {"source":{"path":"asset.abc"}})',
    'Stack.assets.json: .files.abd: not in TypeScript (here {"source":{"path":"asset.abd"}})',
  ]);
});

test('a template that differs only in whitespace is still a difference', () => {
  expect(differences((f) => { f['Stack.template.json'] = JSON.stringify(template); }))
    .toEqual(['Stack.template.json: bytes differ, but not its JSON (whitespace?)']);
});

test('a long list of differences is cut, and says how many more there are', () => {
  const many = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`k${i}`, i]));
  const found = jsonDifferences('t.json', many, Object.fromEntries(Object.keys(many).map((k) => [k, -1])));
  expect(found).toHaveLength(21);
  expect(found[20]).toBe('t.json: ... and 5 more differences');
});

test('an assembly that was never synthesized is an error that says so', () => {
  expect(() => compareAssemblies(assembly(), '/nonexistent/cdk.out')).toThrow('/nonexistent/cdk.out: no cloud assembly there (was the app synthesized?)');
});
