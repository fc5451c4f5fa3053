/**
 * The contract suite's harness: one local endpoint for every service the kinds call (their fakes from the registry),
 * one CloudFormation stand-in per kind, and the helpers every case uses to send a lifecycle event.
 */
import * as path from 'path';
import { Identity, KindUnderTest, Policy, Props, State, Version } from './kinds';
import { AwsEndpoint, loadModel, OperationFake, RequestContext } from '../support/aws-endpoint';
import { bundledHandler, CloudFormation, Invocation, useLocalAws } from '../support/cloudformation';
import { servicesOf } from '../support/kinds';

type Handler = (event: any, context: { getRemainingTimeInMillis(): number }) => Promise<void>;

export interface World {
  endpoint: AwsEndpoint;
  /** While set, this operation's answer is passed through `edit` (e.g. made too big for CloudFormation). */
  bloat?: { readonly operation: string; edit(output: any): any };
}

/** Starts the endpoint for the whole file. Call once, at the top of a test file. */
export function useWorld(): World {
  const world = {} as World;
  const edited = (fakes: Record<string, OperationFake>) => Object.fromEntries(Object.entries(fakes).map(([operation, fake]) => [
    operation,
    async (input: Record<string, any>, request: RequestContext) => {
      const output = await fake(input, request);
      return world.bloat?.operation === operation ? world.bloat.edit(output) : output;
    },
  ]));
  beforeAll(async () => {
    world.endpoint = await AwsEndpoint.start(...servicesOf().map(({ service, fakes }) => ({ model: loadModel(service), fakes: edited(fakes) })));
    useLocalAws(world.endpoint.url);
  });
  afterAll(async () => world.endpoint.close());
  return world;
}

let sequence = 0;

export interface Lifecycle {
  readonly k: KindUnderTest;
  readonly world: World;
  /** The state before the test's first event. */
  readonly initial: State;
  /** The kind's bundled asset, run as Lambda runs it (a plain Node.js process). */
  readonly bundled: Handler;
  /** Sends one event; `handler` picks another handler than the module under jest (e.g. `bundled`). */
  send(options: Record<string, unknown>): Promise<Invocation>;
  create(identity: Identity, version?: Version, policy?: Policy, extra?: Record<string, unknown>): Promise<Invocation>;
  update(physicalId: string, from: [Identity, Version, Policy?], to: [Identity, Version, Policy?]): Promise<Invocation>;
  del(physicalId: string | undefined, identity: Identity, version: Version, policy: Policy): Promise<Invocation>;
  /** The kind's state must be the initial one with these parts laid over it. */
  expectState(...parts: State[]): void;
  /** The calls that changed something (every operation but Get, Describe and List). */
  mutations(): string[];
  props(identity: Identity, version?: Version, policy?: Policy): Props;
}

/** Per-kind hooks: a fresh world and a new logical ID for every test, and the endpoint's checks after it. */
export function useLifecycle(world: World, k: KindUnderTest): Lifecycle {
  let cfn: CloudFormation;
  let handler: Handler;
  let logicalId = '';
  const life = {
    k,
    world,
    initial: {} as State,
    bundled: bundledHandler(path.join(__dirname, '..', '..', 'assets', 'lambda', path.basename(k.module), 'index', 'index.js')),
    send: ({ handler: other, ...options }: Record<string, unknown>) =>
      cfn.request((other as Handler | undefined) ?? handler, { LogicalResourceId: logicalId, ...options } as any),
    props: (i: Identity, v: Version = 1, policy: Policy = 'retain') => k.props(i, v, policy),
    create: (i: Identity, v: Version = 1, policy: Policy = 'retain', extra: Record<string, unknown> = {}) =>
      life.send({ RequestType: 'Create', ResourceProperties: k.props(i, v, policy), ...extra }),
    update: (physicalId: string, from: [Identity, Version, Policy?], to: [Identity, Version, Policy?]) => life.send({
      RequestType: 'Update', PhysicalResourceId: physicalId, OldResourceProperties: k.props(...from), ResourceProperties: k.props(...to),
    }),
    del: (physicalId: string | undefined, i: Identity, v: Version, policy: Policy) =>
      life.send({ RequestType: 'Delete', PhysicalResourceId: physicalId, ResourceProperties: k.props(i, v, policy) }),
    expectState: (...parts: State[]) => expect(k.state()).toEqual(Object.assign({}, life.initial, ...parts)),
    mutations: () => world.endpoint.calls.map((c) => c.operation).filter((op) => !/^(Get|Describe|List)/.test(op)),
  };

  beforeAll(async () => {
    cfn = await CloudFormation.start(k.resourceType);
    // Loaded after useWorld pointed the SDK at the local endpoint: the module builds its client on load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    handler = require(k.module).handler;
  });
  afterAll(async () => cfn.close());

  beforeEach(() => {
    k.reset();
    world.bloat = undefined;
    world.endpoint.clearFaults();
    world.endpoint.calls.length = 0;
    world.endpoint.rejected.length = 0;
    world.endpoint.defects.length = 0;
    // A fresh logical ID: OutboundVoiceContact remembers the calls its container placed, per logical ID.
    logicalId = `Resource${++sequence}`;
    life.initial = k.state();
  });

  afterEach(() => {
    world.endpoint.dropDelayed();
    // Every request a handler sent must have passed the official model's checks, and every fake answer too.
    expect(world.endpoint.rejected).toEqual([]);
    expect(world.endpoint.defects).toEqual([]);
  });
  return life;
}

/** Creates (identity, 1) under `policy`, checks it worked, and forgets its calls: the start of most cases. */
export async function deployed(life: Lifecycle, policy: Policy = 'retain', identity: Identity = 'A'): Promise<string> {
  const { response } = await life.create(identity, 1, policy);
  expect(response).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: life.k.physicalId(identity, 1) });
  life.world.endpoint.calls.length = 0;
  return response.PhysicalResourceId;
}
