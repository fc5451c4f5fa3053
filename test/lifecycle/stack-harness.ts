/**
 * A local CloudFormation that deploys a synthesized CDK stack in CloudFormation's own order, against the local
 * model-checking endpoint, with IAM evaluated:
 *
 * - Create and update phase: resources in dependency order, so that a role (and its policy) is created or updated
 *   before the function that uses it and the custom resources that call the function.
 * - Cleanup phase, after every create and update succeeded: the old side of each replacement, then the resources
 *   the new template removed (dependents first). A Delete that fails is logged as DELETE_FAILED and the stack still
 *   ends UPDATE_COMPLETE, as CloudFormation does.
 * - Rollback, when a resource fails: the updated resources go back in dependency order (the role first), then
 *   what the failed update created is deleted, under the reverted policies. A failed first deploy deletes what it
 *   made and ends ROLLBACK_COMPLETE; the next deploy deletes that stack and creates it anew, with a new stack ID.
 *
 * Every handler runs as Lambda runs it: its bundled asset from the cloud assembly, in a fresh Node.js process per
 * invocation, with its role's access key. The endpoint decides each request by that role's policies as they stand
 * at that moment (test/support/iam-evaluator.ts), and answers a denied one with the service's own 403. Lambda's
 * asynchronous retries follow the function's EventInvokeConfig (2 retries when there is none).
 */
import { execFile, ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { AwsEndpoint, loadModel, OperationFake, ServiceError, ServiceName } from '../support/aws-endpoint';
import { creationOrder, resolve, Resolver, TemplateResource } from '../support/cfn-intrinsics';
import { cloudFormationApi, ResponseBody, stacks } from '../support/cloudformation';
import { ConditionContext, IamAuthorizer, PolicyDocument } from '../support/iam-evaluator';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const STACK_NAME = 'ContactCenter';

/** A synthesized stack: its template, and the cloud assembly folder its assets are staged in. */
export interface SynthesizedStack {
  readonly template: {
    Resources: Record<string, TemplateResource>;
    Outputs?: Record<string, { Value: unknown }>;
    Parameters?: Record<string, { Default?: string }>;
  };
  readonly outdir: string;
}

/** Synthesizes one version of an app: a stack named STACK_NAME in the test account and Region. */
export function synthesize(build: (stack: Stack) => void, props: StackProps = {}): SynthesizedStack {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccr-lifecycle-'));
  const app = new App({ outdir });
  build(new Stack(app, STACK_NAME, { env: { account: ACCOUNT, region: REGION }, ...props }));
  const assembly = app.synth();
  return { template: assembly.getStackByName(STACK_NAME).template, outdir: assembly.directory };
}

export type StackStatus = 'CREATE_COMPLETE' | 'ROLLBACK_COMPLETE' | 'UPDATE_COMPLETE' | 'UPDATE_ROLLBACK_COMPLETE' | 'UPDATE_ROLLBACK_FAILED' | 'DELETE_COMPLETE';

/** What went wrong for one resource during a stack operation. */
export interface ResourceFailure {
  readonly logicalId: string;
  readonly physicalId?: string;
  readonly status: 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED';
  readonly reason: string;
}

export interface Outcome {
  readonly status: StackStatus;
  readonly failures: ResourceFailure[];
  readonly outputs: Record<string, unknown>;
}

export interface DeployOptions {
  /** Logical IDs whose create or update fails (another resource of the stack failing), which makes the stack roll back. */
  readonly fail?: string[];
  readonly parameters?: Record<string, string>;
}

interface Live {
  readonly logicalId: string;
  readonly type: string;
  readonly definition: TemplateResource;
  physicalId: string;
  properties: Record<string, any>;
  attributes: Record<string, unknown>;
  /** The cloud assembly a function's code comes from. */
  outdir: string;
}

class MissingAttribute extends Error {}

const isCustom = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
const SKIPPED_TYPES = new Set(['AWS::CDK::Metadata']);

export class LocalCloudFormation {
  public static async start(...services: Array<{ service: ServiceName; fakes: Record<string, OperationFake> }>): Promise<LocalCloudFormation> {
    const api = await cloudFormationApi();
    // Lambda's asynchronous invoke (a long wait's continuation) is this stand-in's own: it runs the function's asset again.
    let cfn: LocalCloudFormation | undefined;
    const lambda = { Invoke: (input: Record<string, any>) => cfn!.invokeAsync(input) };
    const models = services.filter(({ service }) => service !== 'lambda').map(({ service, fakes }) => ({ model: loadModel(service), fakes }));
    const endpoint = await AwsEndpoint.start(...models, { model: loadModel('lambda'), fakes: lambda });
    cfn = new LocalCloudFormation(endpoint, api);
    await new Promise<void>((done) => cfn.server.listen(0, '127.0.0.1', done));
    return cfn;
  }

  public readonly iam: IamAuthorizer;
  public status?: StackStatus;
  public stackId = '';
  /** Every handler invocation, in order: the request CloudFormation sent and the answer it got (none: a time-out). */
  public readonly invocations: Array<{ event: any; response?: ResponseBody; logs: string }> = [];
  /** Every asynchronous invocation a handler made of a function (a long wait's continuations), in order. */
  public readonly continuations: Array<{ functionName: string; event: any }> = [];
  private live = new Map<string, Live>();
  private template?: SynthesizedStack;
  private parameters: Record<string, string> = {};
  private readonly server: http.Server;
  private readonly responses = new Map<string, ResponseBody>();
  private running?: ChildProcess;
  /** Asynchronous invocations still running: a request's answer is read once none is. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly continuationLogs: string[] = [];

  private constructor(public readonly endpoint: AwsEndpoint, public readonly api: AwsEndpoint) {
    this.iam = new IamAuthorizer({ partition: 'aws', region: REGION, account: ACCOUNT, stackArnOf: () => this.stackId });
    // The functions' resource-based policies: each AWS::Lambda::Permission of the stack as it stands.
    this.iam.resourceGrants = () => [...this.live.values()].filter((r) => r.type === 'AWS::Lambda::Permission').map((r) => ({
      principalArn: String(r.properties.Principal),
      action: String(r.properties.Action),
      resource: this.functionArnOf(String(r.properties.FunctionName)),
    }));
    endpoint.authorizer = this.iam;
    api.authorizer = this.iam;
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.responses.set(decodeURIComponent((req.url ?? '').slice(1)), JSON.parse(Buffer.concat(chunks).toString('utf-8')));
        res.writeHead(200).end();
      });
    });
  }

  /** Every request IAM denied, on either endpoint: each one a permission the design failed to give. */
  public get denied(): Array<{ operation: string; message: string }> {
    return [...this.endpoint.denied, ...this.api.denied];
  }

  /** IAM's answer for a role of the deployed stack (by the start of its logical ID): undefined when it may, the denial otherwise. */
  public authorize(roleLogicalId: string, action: string, resource: string, context: ConditionContext = {}): string | undefined {
    const role = [...this.live.values()].find((r) => r.type === 'AWS::IAM::Role' && r.logicalId.startsWith(roleLogicalId));
    if (!role) throw new Error(`no role ${roleLogicalId} in the stack`);
    return this.iam.authorizeAction(accessKeyOf(role.logicalId), action, [resource], context);
  }

  /** The physical ID of a resource of the deployed stack. */
  public physicalIdOf(logicalId: string): string | undefined {
    return this.live.get(logicalId)?.physicalId;
  }

  /** The next answer to `operation` never reaches the handler: its process dies right then, as in a runtime crash. */
  public crashAfter(operation: string): void {
    const listener = (call: { operation: string }) => {
      if (call.operation !== operation) return undefined;
      this.endpoint.answered.splice(this.endpoint.answered.indexOf(listener), 1);
      this.running?.kill('SIGKILL');
      return 'hold' as const;
    };
    this.endpoint.answered.push(listener);
  }

  /** Creates the stack, or updates it to this template (after a failed first deploy: deletes it and creates it anew). */
  public async deploy(stack: SynthesizedStack, options: DeployOptions = {}): Promise<Outcome> {
    if (this.status === 'ROLLBACK_COMPLETE' || this.status === 'DELETE_COMPLETE') this.live = new Map();
    const creating = this.live.size === 0;
    if (creating) this.stackId = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${STACK_NAME}/${randomUUID()}`;
    const before = { template: this.template, parameters: this.parameters, live: new Map([...this.live].map(([k, v]) => [k, { ...v }])) };
    this.template = stack;
    this.parameters = parametersOf(stack, options.parameters);
    stacks.setStatus(this.stackId, creating ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS');
    const failures: ResourceFailure[] = [];
    const created: string[] = [];
    const updated: string[] = [];
    const replaced: Live[] = [];

    // Create and update phase.
    let failed = false;
    for (const id of creationOrder(resourcesOf(stack))) {
      const definition = stack.template.Resources[id];
      const current = this.live.get(id);
      let properties: Record<string, any>;
      try {
        properties = resolve(definition.Properties ?? {}, this.resolver());
      } catch (err) {
        if (!(err instanceof MissingAttribute)) throw err;
        failures.push({ logicalId: id, status: current ? 'UPDATE_FAILED' : 'CREATE_FAILED', reason: err.message });
        failed = true;
        break;
      }
      if (current && JSON.stringify(current.properties) === JSON.stringify(properties)) continue;
      const failure = current
        ? await this.update(current, definition, properties, stack, options, replaced)
        : await this.create(id, definition, properties, stack, options);
      (current ? updated : created).push(id);
      if (failure) {
        failures.push(failure);
        failed = true;
        break;
      }
    }
    let outputs: Record<string, unknown> = {};
    if (!failed) {
      try {
        outputs = resolve(Object.fromEntries(Object.entries(stack.template.Outputs ?? {}).map(([k, o]) => [k, o.Value])), this.resolver());
      } catch (err) {
        if (!(err instanceof MissingAttribute)) throw err;
        failures.push({ logicalId: 'Outputs', status: creating ? 'CREATE_FAILED' : 'UPDATE_FAILED', reason: err.message });
        failed = true;
      }
    }

    if (failed && creating) {
      // Rollback of a failed first deploy: everything it made goes, dependents first.
      stacks.setStatus(this.stackId, 'ROLLBACK_IN_PROGRESS');
      for (const id of [...created].reverse()) await this.remove(this.live.get(id), failures, 'create-rollback');
      this.status = 'ROLLBACK_COMPLETE';
      stacks.setStatus(this.stackId, this.status);
      return { status: this.status, failures, outputs };
    }
    if (failed) {
      // Rollback: the updated resources go back in the old template's order (the role first), then what the failed
      // update made is deleted, under the reverted policies.
      stacks.setStatus(this.stackId, 'UPDATE_ROLLBACK_IN_PROGRESS');
      const rollbackCleanup: Live[] = [];
      let rollbackFailed = false;
      for (const id of creationOrder(resourcesOf(before.template!)).filter((i) => updated.includes(i))) {
        const old = before.live.get(id)!;
        const current = this.live.get(id)!;
        if (!isCustom(current.type)) {
          stacks.begin(this.stackId, id, current.type, 'Update', current.physicalId);
          this.live.set(id, old);
          stacks.end(this.stackId, id, current.type, 'Update', 'SUCCESS', old.physicalId);
          continue;
        }
        const failure = await this.rollBack(current, old, rollbackCleanup);
        if (failure) {
          // CloudFormation stops there: the stack is stuck until someone continues the rollback by hand.
          failures.push(failure);
          rollbackFailed = true;
          break;
        }
      }
      if (rollbackFailed) {
        this.status = 'UPDATE_ROLLBACK_FAILED';
        stacks.setStatus(this.stackId, this.status);
        return { status: this.status, failures, outputs: {} };
      }
      this.template = before.template;
      this.parameters = before.parameters;
      stacks.setStatus(this.stackId, 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS');
      for (const old of rollbackCleanup) await this.remove(old, failures, 'rollback-cleanup');
      for (const id of [...created].reverse()) await this.remove(this.live.get(id), failures, 'rollback-cleanup');
      this.status = 'UPDATE_ROLLBACK_COMPLETE';
      stacks.setStatus(this.stackId, this.status);
      return { status: this.status, failures, outputs: {} };
    }

    // Cleanup phase: the old side of each replacement, then the removed resources, dependents first.
    if (!creating) stacks.setStatus(this.stackId, 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    for (const old of replaced) {
      if (old.definition.UpdateReplacePolicy !== 'Retain') await this.remove(old, failures, 'cleanup');
    }
    if (before.template) {
      const removed = creationOrder(resourcesOf(before.template)).filter((id) => !(id in resourcesOf(stack))).reverse();
      for (const id of removed) await this.remove(this.live.get(id), failures, 'cleanup');
    }
    this.status = creating ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
    stacks.setStatus(this.stackId, this.status);
    return { status: this.status, failures, outputs };
  }

  /** Deletes the stack: every resource, dependents first. */
  public async destroy(): Promise<Outcome> {
    const failures: ResourceFailure[] = [];
    stacks.setStatus(this.stackId, 'DELETE_IN_PROGRESS');
    const order = this.template ? creationOrder(resourcesOf(this.template)).reverse() : [];
    for (const id of order) await this.remove(this.live.get(id), failures, 'stack-delete');
    this.live = new Map();
    this.status = 'DELETE_COMPLETE';
    stacks.setStatus(this.stackId, this.status);
    return { status: this.status, failures, outputs: {} };
  }

  public async close(): Promise<void> {
    this.api.authorizer = undefined;
    this.api.denied.length = 0;
    await this.endpoint.close();
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }

  private async create(
    id: string, definition: TemplateResource, properties: Record<string, any>, stack: SynthesizedStack, options: DeployOptions,
  ): Promise<ResourceFailure | undefined> {
    const live: Live = { logicalId: id, type: definition.Type, definition, physicalId: '', properties, attributes: {}, outdir: stack.outdir };
    stacks.begin(this.stackId, id, definition.Type, 'Create');
    if (options.fail?.includes(id)) {
      stacks.end(this.stackId, id, definition.Type, 'Create', 'FAILED', '', 'failed on purpose by the test');
      return { logicalId: id, status: 'CREATE_FAILED', reason: 'failed on purpose by the test' };
    }
    if (isCustom(definition.Type)) {
      const response = await this.send(live, { RequestType: 'Create', ResourceProperties: properties });
      this.live.set(id, live);
      if (response?.Status !== 'SUCCESS') return this.failure(live, 'CREATE_FAILED', response);
      live.physicalId = response.PhysicalResourceId;
      live.attributes = response.Data ?? {};
    } else {
      this.live.set(id, live);
      live.physicalId = physicalIdOf(this.stackId, id, definition.Type, properties);
      live.attributes = attributesOf(definition.Type, live.physicalId, properties);
      this.registerRole(live);
    }
    stacks.end(this.stackId, id, definition.Type, 'Create', 'SUCCESS', live.physicalId);
    return undefined;
  }

  private async update(
    current: Live, definition: TemplateResource, properties: Record<string, any>, stack: SynthesizedStack, options: DeployOptions, replaced: Live[],
  ): Promise<ResourceFailure | undefined> {
    stacks.begin(this.stackId, current.logicalId, current.type, 'Update', current.physicalId);
    const next: Live = { ...current, definition, properties, outdir: stack.outdir };
    // A failed update leaves the resource with its physical ID; its rollback is an update from what was asked.
    const attempted = () => this.live.set(current.logicalId, { ...next, physicalId: current.physicalId, attributes: current.attributes });
    if (options.fail?.includes(current.logicalId)) {
      attempted();
      stacks.end(this.stackId, current.logicalId, current.type, 'Update', 'FAILED', current.physicalId, 'failed on purpose by the test');
      return { logicalId: current.logicalId, status: 'UPDATE_FAILED', reason: 'failed on purpose by the test' };
    }
    if (isCustom(current.type)) {
      const response = await this.send(next, {
        RequestType: 'Update', PhysicalResourceId: current.physicalId, ResourceProperties: properties, OldResourceProperties: current.properties,
      });
      if (response?.Status !== 'SUCCESS') {
        attempted();
        return this.failure(current, 'UPDATE_FAILED', response);
      }
      next.physicalId = response.PhysicalResourceId;
      next.attributes = response.Data ?? {};
      // A new physical ID is a replacement: CloudFormation deletes the old one in the cleanup phase.
      if (next.physicalId !== current.physicalId) replaced.push(current);
    } else {
      next.attributes = attributesOf(current.type, current.physicalId, properties);
    }
    this.live.set(current.logicalId, next);
    this.registerRole(next);
    stacks.end(this.stackId, current.logicalId, current.type, 'Update', 'SUCCESS', next.physicalId);
    return undefined;
  }

  /** The rollback of a custom resource: an Update back to its old properties, sent to its current physical ID. */
  private async rollBack(current: Live, old: Live, cleanup: Live[]): Promise<ResourceFailure | undefined> {
    stacks.begin(this.stackId, current.logicalId, current.type, 'Update', current.physicalId);
    const response = await this.send(old, {
      RequestType: 'Update', PhysicalResourceId: current.physicalId, ResourceProperties: old.properties, OldResourceProperties: current.properties,
    });
    if (response?.Status !== 'SUCCESS') return this.failure(current, 'UPDATE_FAILED', response);
    this.live.set(old.logicalId, { ...old, physicalId: response.PhysicalResourceId, attributes: response.Data ?? {} });
    if (response.PhysicalResourceId !== current.physicalId) cleanup.push(current);
    stacks.end(this.stackId, current.logicalId, current.type, 'Update', 'SUCCESS', response.PhysicalResourceId);
    return undefined;
  }

  private async remove(live: Live | undefined, failures: ResourceFailure[], phase: 'cleanup' | 'rollback-cleanup' | 'create-rollback' | 'stack-delete'): Promise<void> {
    if (!live) return;
    const policy = live.definition.DeletionPolicy;
    const retained = policy === 'Retain' || (policy === 'RetainExceptOnCreate' && phase !== 'create-rollback');
    const current = this.live.get(live.logicalId) === live;
    if (current) this.live.delete(live.logicalId);
    if (retained) return;
    stacks.begin(this.stackId, live.logicalId, live.type, 'Delete', live.physicalId);
    if (isCustom(live.type)) {
      const response = await this.send(live, { RequestType: 'Delete', PhysicalResourceId: live.physicalId, ResourceProperties: live.properties });
      if (response?.Status !== 'SUCCESS') {
        // CloudFormation logs DELETE_FAILED and goes on: the stack still ends UPDATE_COMPLETE.
        failures.push(this.failure(live, 'DELETE_FAILED', response));
        return;
      }
    }
    stacks.end(this.stackId, live.logicalId, live.type, 'Delete', 'SUCCESS', live.physicalId);
  }

  private failure(live: Live, status: ResourceFailure['status'], response: ResponseBody | undefined): ResourceFailure {
    const reason = response?.Reason ?? 'CloudFormation did not receive a response from your Custom Resource before the service timeout';
    const verb = status.split('_')[0] === 'CREATE' ? 'Create' : status.split('_')[0] === 'UPDATE' ? 'Update' : 'Delete';
    stacks.end(this.stackId, live.logicalId, live.type, verb, 'FAILED', response?.PhysicalResourceId ?? live.physicalId, reason);
    if (response && verb === 'Create') live.physicalId = response.PhysicalResourceId;
    return { logicalId: live.logicalId, physicalId: response?.PhysicalResourceId ?? live.physicalId, status, reason };
  }

  /** Sends one request to the custom resource's function, as CloudFormation does: asynchronously, with Lambda's retries. */
  private async send(resource: Live, request: Record<string, unknown>): Promise<ResponseBody | undefined> {
    const fn = this.functionOf(String(resource.properties.ServiceToken));
    const requestId = randomUUID();
    const event = {
      ...request,
      ResourceProperties: asCloudFormationSends(request.ResourceProperties),
      ...(request.OldResourceProperties ? { OldResourceProperties: asCloudFormationSends(request.OldResourceProperties) } : {}),
      ServiceToken: resource.properties.ServiceToken,
      ResponseURL: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${requestId}`,
      StackId: this.stackId,
      RequestId: requestId,
      ResourceType: resource.type,
      LogicalResourceId: resource.logicalId,
    };
    const retries = this.retriesOf(fn);
    const invocation: { event: any; response?: ResponseBody; logs: string } = { event, logs: '' };
    this.invocations.push(invocation);
    for (let attempt = 0; attempt <= retries; attempt++) {
      const { ok, logs } = await this.run(fn, event);
      invocation.logs += logs;
      // A long wait goes on in the invocations this one started: whichever ends it answers.
      while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
      invocation.logs += this.continuationLogs.splice(0).join('');
      invocation.response = this.responses.get(requestId);
      // Lambda retries an asynchronous invocation only when the function failed or crashed.
      if (invocation.response || ok) break;
    }
    return invocation.response;
  }

  /**
   * Lambda's Invoke with InvocationType Event: 202 at once, then the function runs the event in a new process, with
   * the retries its EventInvokeConfig allows, as Lambda runs a queued asynchronous invocation.
   */
  private invokeAsync(input: Record<string, any>): unknown {
    const name = String(input.FunctionName);
    const fn = [...this.live.values()].find((r) => r.type === 'AWS::Lambda::Function' && [r.physicalId, r.attributes.Arn].includes(name));
    if (!fn) throw new ServiceError('ResourceNotFoundException', `Function not found: ${name}`);
    if (input.InvocationType !== 'Event') throw new ServiceError('InvalidParameterValueException', 'the local Lambda serves asynchronous invocations only');
    const event = JSON.parse(typeof input.Payload === 'string' ? input.Payload : Buffer.from(input.Payload).toString('utf-8'));
    this.continuations.push({ functionName: name, event });
    const run = new Promise<void>((queued) => setImmediate(queued)).then(async () => {
      for (let attempt = 0; attempt <= this.retriesOf(fn); attempt++) {
        const { ok, logs } = await this.run(fn, event);
        this.continuationLogs.push(logs);
        if (ok) break;
      }
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
    return { StatusCode: 202 };
  }

  /** A function's ARN from a Lambda::Permission's FunctionName (a name, or an ARN). */
  private functionArnOf(nameOrArn: string): string {
    return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${nameOrArn}`;
  }

  private run(fn: Live, event: unknown): Promise<{ ok: boolean; logs: string }> {
    // The cloud assembly stages each asset as asset.<hash>; the function's code is <hash>.zip.
    const asset = path.join(fn.outdir, `asset.${String(fn.properties.Code?.S3Key).replace(/\.zip$/, '')}`, 'index.js');
    const role = this.roleOf(String(fn.properties.Role));
    const timeoutMs = Number(fn.properties.Timeout ?? 3) * 1000;
    // The function's clock starts once its code is loaded: a slow process start (a busy machine) does not eat the time
    // a long wait's invocation has for at least one look before it hands off.
    const script = `const { handler } = require(${JSON.stringify(asset)}); const started = Date.now();
      handler(JSON.parse(process.env.CCR_EVENT), { getRemainingTimeInMillis: () => ${timeoutMs} - (Date.now() - started) })
      .then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });`;
    return new Promise((done) => {
      this.running = execFile(process.execPath, ['-e', script], {
        timeout: 120_000,
        env: {
          PATH: process.env.PATH,
          NODE_NO_WARNINGS: '1',
          CCR_EVENT: JSON.stringify(event),
          CCR_RETRY_BASE_MS: '5',
          AWS_LAMBDA_FUNCTION_NAME: fn.physicalId,
          // A long wait polls every 25 ms and hands off to a new invocation about 500 ms into each one: the fakes'
          // waits (a replica's replicationMs) then cross invocations, through Lambda's Invoke and IAM.
          CCR_POLL_MS: '25',
          CCR_HANDOFF_RESERVE_MS: String(Math.max(timeoutMs - 10_000 - 500, 0)),
          AWS_REGION: REGION,
          AWS_ENDPOINT_URL: this.endpoint.url,
          AWS_ENDPOINT_URL_CLOUDFORMATION: this.api.url,
          AWS_ACCESS_KEY_ID: accessKeyOf(role.logicalId),
          AWS_SECRET_ACCESS_KEY: 'local-test-secret',
        },
      }, (err, stdout, stderr) => {
        this.running = undefined;
        done({ ok: !err, logs: stdout + stderr });
      });
    });
  }

  private functionOf(serviceToken: string): Live {
    const fn = [...this.live.values()].find((r) => r.type === 'AWS::Lambda::Function' && r.attributes.Arn === serviceToken);
    if (!fn) throw new Error(`no function in the stack has the ARN ${serviceToken}`);
    return fn;
  }

  private roleOf(roleArn: string): Live {
    const role = [...this.live.values()].find((r) => r.type === 'AWS::IAM::Role' && r.attributes.Arn === roleArn);
    if (!role) throw new Error(`no role in the stack has the ARN ${roleArn}`);
    return role;
  }

  /** MaximumRetryAttempts of the function's EventInvokeConfig for $LATEST; Lambda's default is 2. */
  private retriesOf(fn: Live): number {
    const config = [...this.live.values()].find((r) => r.type === 'AWS::Lambda::EventInvokeConfig'
      && [fn.physicalId, fn.attributes.Arn].includes(r.properties.FunctionName) && r.properties.Qualifier === '$LATEST');
    return config?.properties.MaximumRetryAttempts ?? 2;
  }

  /** The role's identity-based policies as the stack holds them now: inline, AWS::IAM::Policy and managed policies. */
  private registerRole(live: Live): void {
    if (live.type !== 'AWS::IAM::Role') return;
    const { logicalId } = live;
    this.iam.principals.set(accessKeyOf(logicalId), {
      roleName: live.physicalId,
      policies: () => {
        const role = this.live.get(logicalId);
        if (!role) return [];
        const inline = (role.properties.Policies ?? []).map((p: any) => p.PolicyDocument as PolicyDocument);
        const attached = [...this.live.values()].filter((r) => (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy')
          && ((r.properties.Roles ?? []).includes(role.physicalId) || (role.properties.ManagedPolicyArns ?? []).includes(r.physicalId)));
        return [...inline, ...attached.map((r) => r.properties.PolicyDocument as PolicyDocument)];
      },
    });
  }

  private resolver(): Resolver {
    return {
      partition: 'aws',
      region: REGION,
      account: ACCOUNT,
      stackId: this.stackId,
      stackName: STACK_NAME,
      ref: (id) => {
        if (id in this.parameters) return this.parameters[id];
        const live = this.live.get(id);
        if (!live) throw new Error(`Ref to ${id}, which does not exist (yet)`);
        return live.physicalId;
      },
      getAtt: (id, attribute) => {
        const live = this.live.get(id);
        if (!live) throw new Error(`Fn::GetAtt of ${id}, which does not exist (yet)`);
        if (!(attribute in live.attributes)) {
          if (isCustom(live.type)) throw new MissingAttribute(`CustomResource attribute error: Vendor response doesn't contain ${attribute} attribute in object ${id}`);
          return `${live.physicalId}/${attribute}`;
        }
        return live.attributes[attribute];
      },
    };
  }
}

const accessKeyOf = (roleLogicalId: string) => `ROLE${roleLogicalId}`;

function resourcesOf(stack: SynthesizedStack): Record<string, TemplateResource> {
  return Object.fromEntries(Object.entries(stack.template.Resources).filter(([, r]) => !SKIPPED_TYPES.has(r.Type) && !r.Condition));
}

function parametersOf(stack: SynthesizedStack, given: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(stack.template.Parameters ?? {})) {
    const value = given[name] ?? p.Default;
    if (value === undefined && name !== 'BootstrapVersion') throw new Error(`parameter ${name} has no value`);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The physical ID CloudFormation (or the service) gives a resource that is not a custom resource. */
function physicalIdOf(stackId: string, id: string, type: string, p: Record<string, any>): string {
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  const stackName = stackId.split('/')[1];
  switch (type) {
    case 'AWS::IAM::Role': return p.RoleName ?? `${stackName}-${id}-${suffix}`.slice(0, 64);
    case 'AWS::Lambda::Function': return p.FunctionName ?? `${stackName}-${id}-${suffix}`.slice(0, 64);
    case 'AWS::Logs::LogGroup': return p.LogGroupName ?? `${stackName}-${id}-${suffix}`;
    case 'AWS::KMS::Key': return randomUUID();
    case 'AWS::IAM::ManagedPolicy': return `arn:aws:iam::${ACCOUNT}:policy/${p.ManagedPolicyName ?? `${stackName}-${id}-${suffix}`}`;
    case 'AWS::SSM::Parameter': return p.Name ?? `CFN-${id}-${suffix}`;
    case 'AWS::CustomerProfiles::Domain': return p.DomainName;
    case 'AWS::Connect::TrafficDistributionGroup': return `arn:aws:connect:${REGION}:${ACCOUNT}:traffic-distribution-group/${randomUUID()}`;
    default: return `${stackName}-${id}-${suffix}`;
  }
}

function attributesOf(type: string, physicalId: string, p: Record<string, any>): Record<string, unknown> {
  switch (type) {
    case 'AWS::IAM::Role': return { Arn: `arn:aws:iam::${ACCOUNT}:role/${physicalId}`, RoleId: `AROA${physicalId.length}` };
    case 'AWS::Lambda::Function': return { Arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${physicalId}` };
    case 'AWS::Logs::LogGroup': return { Arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${physicalId}:*` };
    case 'AWS::KMS::Key': return { Arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${physicalId}`, KeyId: physicalId };
    case 'AWS::IAM::ManagedPolicy': return { PolicyArn: physicalId };
    case 'AWS::SSM::Parameter': return { Type: p.Type, Value: p.Value };
    case 'AWS::Connect::TrafficDistributionGroup': return { TrafficDistributionGroupArn: physicalId };
    default: return {};
  }
}

/** The properties the way CloudFormation sends them to a custom resource: every number and boolean as a string. */
function asCloudFormationSends(value: unknown): any {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCloudFormationSends(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
