/**
 * `npm run bench:users`: 10,000 agents in one TrafficDistributionGroupUsers, measured. It synthesizes the stack,
 * counts its resources (and those of the AwsCustomResource equivalent, one per user), then deploys every chunk
 * through the bundled handler against the local model-checking endpoint, with Connect's documented rate for these
 * operations enforced (2 requests per second, burst 5, account-wide), then an update that adds 100 users and removes
 * 100. Time is compressed: the endpoint's rate and the handler's pace are both multiplied by BENCH_USERS_SCALE
 * (default 100), and the times are reported both as measured and multiplied back. Writes docs/scale-users.md.
 * Not a test: nothing here passes or fails on a timing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as cr from 'aws-cdk-lib/custom-resources';
import { TrafficDistributionGroupUsers } from '../src';
import { DEFAULT_REQUESTS_PER_SECOND } from '../src/private/rules/traffic-distribution-group-users';
import { AwsEndpoint, loadModel } from '../test/support/aws-endpoint';
import { CloudFormation, useLocalAws } from '../test/support/cloudformation';
import { TrafficDistributionGroupUsers as Members } from '../test/support/fakes/traffic-distribution-group-users';
import { TrafficDistributionGroups } from '../test/support/fakes/traffic-distribution-groups';

const SCALE = Number(process.env.BENCH_USERS_SCALE ?? 100);
const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const RATE = DEFAULT_REQUESTS_PER_SECOND;
const BURST = 5;
const INSTANCE = '11111111-2222-3333-4444-555555555555';
const GROUP = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const GROUP_ARN = `arn:aws:connect:us-east-1:123456789012:traffic-distribution-group/${GROUP}`;
const ROOT = path.join(__dirname, '..');
const user = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const ASSOCIATE = 'AssociateTrafficDistributionGroupUser';
const DISASSOCIATE = 'DisassociateTrafficDistributionGroupUser';

interface Chunk { readonly logicalId: string; readonly properties: Record<string, any> }

function synth(userIds: string[]): { chunks: Chunk[]; resources: number; bytes: number } {
  const app = new App();
  const stack = new Stack(app, 'Agents', { env: { account: '123456789012', region: 'us-east-1' } });
  new TrafficDistributionGroupUsers(stack, 'Agents', { trafficDistributionGroup: GROUP_ARN, instanceId: INSTANCE, userIds, requestsPerSecond: RATE * SCALE });
  const template = app.synth().getStackByName('Agents').template;
  const chunks = Object.entries<any>(template.Resources).filter(([, r]) => r.Type.startsWith('Custom::')).map(([logicalId, r]) => {
    const { ServiceToken: _token, ...properties } = r.Properties;
    return { logicalId, properties };
  });
  return { chunks, resources: Object.keys(template.Resources).length, bytes: JSON.stringify(template).length };
}

/** Resources of the AwsCustomResource equivalent: one per user (it cannot diff a list), measured at 100 and extrapolated. */
function theirsPerUser(): number {
  const count = (n: number) => {
    const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Theirs', { env: { account: '123456789012', region: 'us-east-1' } });
    for (let i = 0; i < n; i++) {
      const call = (action: string): cr.AwsSdkCall => ({
        service: 'Connect',
        action,
        parameters: { TrafficDistributionGroupId: GROUP_ARN, InstanceId: INSTANCE, UserId: user(i) },
        physicalResourceId: cr.PhysicalResourceId.of(user(i)),
      });
      new cr.AwsCustomResource(stack, `U${i}`, {
        onCreate: call(ASSOCIATE),
        onDelete: call(DISASSOCIATE),
        installLatestAwsSdk: false,
        policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [GROUP_ARN] }),
      });
    }
    return Object.keys(app.synth().getStackByName('Theirs').template.Resources).length;
  };
  return (count(101) - count(1)) / 100;
}

async function main() {
  const lines: string[] = [];
  const out = (s = '') => { console.log(s); lines.push(s); };
  const all = Array.from({ length: USERS }, (_x, i) => user(i));

  const groups = new TrafficDistributionGroups();
  const members = new Members(groups);
  groups.add(GROUP, { isDefault: true, instanceArn: `arn:aws:connect:us-east-1:123456789012:instance/${INSTANCE}` });
  members.addUsers(INSTANCE, ...all, ...Array.from({ length: 100 }, (_x, i) => user(USERS + i)));
  const endpoint = await AwsEndpoint.start({ model: loadModel('connect'), fakes: { ...groups.fakes, ...members.fakes } });
  useLocalAws(endpoint.url);
  // A bucket's capacity is a number of requests, not a rate: compressing time leaves it at the documented 5.
  for (const op of [ASSOCIATE, DISASSOCIATE]) endpoint.rateLimit(op, RATE * SCALE, BURST, 'ThrottlingException');
  const cfn = await CloudFormation.start('Custom::ConnectTrafficDistributionGroupUsers');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require(path.join(ROOT, 'assets', 'lambda', 'traffic-distribution-group-users', 'index', 'index.js'));

  const synthStarted = performance.now();
  const before = synth(all);
  const synthMs = performance.now() - synthStarted;
  const sizes = before.chunks.map((c) => c.properties.UserIds.length);
  const eventBytes = Math.max(...before.chunks.map((c) => JSON.stringify(c.properties).length));

  /** Runs events one after another (the chunks' DependsOn chain), and what they cost. */
  async function deploy(events: Array<Record<string, unknown>>) {
    endpoint.calls.length = 0;
    const started = performance.now();
    let slowest = 0;
    for (const event of events) {
      const t = performance.now();
      const { response } = await cfn.request(handler, { ...event, remainingMs: 300_000 } as any);
      if (response.Status !== 'SUCCESS') throw new Error(`${event.LogicalResourceId}: ${response.Reason}`);
      slowest = Math.max(slowest, performance.now() - t);
    }
    const ms = performance.now() - started;
    // Throttled attempts reached the endpoint too (its token bucket answered them 429): they are in `calls`.
    const attempts = endpoint.calls.filter((c) => c.operation === ASSOCIATE || c.operation === DISASSOCIATE).length;
    return { ms, slowest, attempts };
  }

  const create = await deploy(before.chunks.map((c) => ({ RequestType: 'Create', LogicalResourceId: c.logicalId, ResourceProperties: c.properties })));
  const associated = members.membersOf(GROUP).length;

  // The update: the first 100 users leave, 100 new ones join. CloudFormation updates only the chunks whose properties changed.
  const next = [...all.slice(100), ...Array.from({ length: 100 }, (_x, i) => user(USERS + i))];
  const after = synth(next);
  const old = new Map(before.chunks.map((c) => [c.logicalId, c.properties]));
  const changed = after.chunks.filter((c) => JSON.stringify(old.get(c.logicalId)) !== JSON.stringify(c.properties));
  const update = await deploy(changed.map((c) => ({
    RequestType: 'Update',
    LogicalResourceId: c.logicalId,
    ResourceProperties: c.properties,
    OldResourceProperties: old.get(c.logicalId),
    PhysicalResourceId: `${GROUP_ARN}|instance:${INSTANCE}|chunk:${c.properties.Chunk}`,
  })));
  const updateMutations = { associate: endpoint.callsTo(ASSOCIATE).length, disassociate: endpoint.callsTo(DISASSOCIATE).length };

  // For comparison: the largest chunk again (after a DESTROY delete), its handler paced at 5 times the allowed rate.
  const overRate = Math.min(1000, RATE * SCALE * 5);
  const largest = after.chunks.reduce((a, b) => (a.properties.UserIds.length >= b.properties.UserIds.length ? a : b));
  const physical = `${GROUP_ARN}|instance:${INSTANCE}|chunk:${largest.properties.Chunk}`;
  await deploy([{ RequestType: 'Delete', LogicalResourceId: largest.logicalId, ResourceProperties: largest.properties, PhysicalResourceId: physical }]);
  const unpaced = await deploy([{
    RequestType: 'Create', LogicalResourceId: largest.logicalId, ResourceProperties: { ...largest.properties, RequestsPerSecond: overRate },
  }]);

  await endpoint.close();
  await cfn.close();

  const perUser = theirsPerUser();
  const real = (ms: number) => `${fmt((ms * SCALE) / 1000)} s (${fmt((ms * SCALE) / 60_000, 1)} min)`;
  out('# 10,000 agents in one traffic distribution group');
  out();
  out(`Measured by \`npm run bench:users\` on ${new Date().toISOString().slice(0, 10)} (${USERS.toLocaleString('en-US')} users, time compressed ${SCALE}×: `
    + `the endpoint allows ${RATE * SCALE} requests per second with a burst of ${BURST}, the handler paces at the same rate; `
    + `"real" times are the measured ones × ${SCALE}, at Connect's documented ${RATE} requests per second, burst ${BURST}).`);
  out('The chunks deploy one after another (each depends on the one before), through the bundled handler, against the local model-checking endpoint.');
  out();
  out('| | ours | AwsCustomResource, one per user |');
  out('|---|---:|---:|');
  out(`| CloudFormation resources | ${before.resources} (${before.chunks.length} chunks + ${before.resources - before.chunks.length} fixed) | ${fmt(perUser * USERS)} (${fmt(perUser, 2)} per user) |`);
  out(`| Stacks needed (500 resources each) | 1 | ${Math.ceil((perUser * USERS) / 500)} or more |`);
  out(`| Template bytes | ${fmt(before.bytes)} | |`);
  out(`| Users per chunk (min / mean / max) | ${Math.min(...sizes)} / ${fmt(USERS / sizes.length)} / ${Math.max(...sizes)} | |`);
  out(`| Largest chunk's properties (bytes; an update event carries them twice, under Lambda's 256 KB) | ${fmt(eventBytes)} | |`);
  out(`| Synth time (ms) | ${fmt(synthMs)} | |`);
  out();
  out('| Deployment | mutating calls that took effect | attempts (incl. throttled) | measured | real, at the documented rate | slowest chunk, real |');
  out('|---|---:|---:|---:|---:|---:|');
  out(`| Create, ${USERS.toLocaleString('en-US')} users | ${associated} associations | ${create.attempts} | ${fmt(create.ms / 1000, 1)} s | ${real(create.ms)} | ${real(create.slowest)} |`);
  out(`| Update, +100 −100 users (${changed.length} of ${after.chunks.length} chunks changed) | ${updateMutations.associate} associations + ${updateMutations.disassociate} disassociations `
    + `= ${updateMutations.associate + updateMutations.disassociate} | ${update.attempts} | ${fmt(update.ms / 1000, 1)} s | ${real(update.ms)} | ${real(update.slowest)} |`);
  out(`| For comparison: the largest chunk (${largest.properties.UserIds.length} users) paced at ${fmt(overRate / (RATE * SCALE), 1)}× the rate | `
    + `${largest.properties.UserIds.length} associations | ${unpaced.attempts} | ${fmt(unpaced.ms / 1000, 1)} s | ${real(unpaced.ms)} | ${real(unpaced.slowest)} |`);
  out();
  out('Attempts above the calls that took effect were answered 429 by the rate limit and retried by the core. The slowest chunk, '
    + 'at the documented rate, is what must fit in one handler invocation (5 minutes, 10 seconds of it kept for the response).');
  fs.writeFileSync(path.join(ROOT, 'docs', 'scale-users.md'), `${lines.join('\n')}\n`);
  console.log('\nwrote docs/scale-users.md');
}

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
