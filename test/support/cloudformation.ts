/**
 * A stand-in for CloudFormation's side of the custom resource protocol: it builds request events,
 * runs a handler, and receives the response the handler PUTs to the pre-signed ResponseURL. Like CloudFormation,
 * it records each request in its record of the stack before the handler runs and after it answers, and serves that
 * record (DescribeStackResource, DescribeStackEvents), which the handlers check each request against.
 */
import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import * as http from 'http';
import { AddressInfo } from 'net';
import { AwsEndpoint, loadModel } from './aws-endpoint';
import { CloudFormationStacks } from './fakes/cloudformation-stacks';
import { LOCAL_FUNCTION_NAME, settled } from './local-lambda';

export const STACK_ID = 'arn:aws:cloudformation:us-east-1:123456789012:stack/ContactCenter/5b1c2f60-0000-11ef-8000-0a1b2c3d4e5f';

/** CloudFormation's record of every stack the stand-ins deploy, in this test file. */
export const stacks = new CloudFormationStacks();

let api: Promise<AwsEndpoint> | undefined;

/**
 * The CloudFormation API of this test file's stand-ins, started once: the handler modules build their clients
 * when they load, so its address must not change while the file runs. The SDK finds it through
 * AWS_ENDPOINT_URL_CLOUDFORMATION, so that the other services' endpoint and its call log stay as they are.
 */
export function cloudFormationApi(): Promise<AwsEndpoint> {
  api ??= AwsEndpoint.start({ model: loadModel('cloudformation'), fakes: stacks.fakes }).then((endpoint) => {
    endpoint.unref();
    process.env.AWS_ENDPOINT_URL_CLOUDFORMATION = endpoint.url;
    return endpoint;
  });
  return api;
}

export interface ResponseBody {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason?: string;
  readonly PhysicalResourceId: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly Data?: Record<string, unknown>;
}

export interface Invocation {
  readonly response: ResponseBody;
  /** Every log line the handler wrote during this request. */
  readonly logs: string;
}

type Handler = (event: any, context: { getRemainingTimeInMillis(): number }) => Promise<void>;

export interface RequestOptions {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceProperties: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
  readonly PhysicalResourceId?: string;
  readonly LogicalResourceId?: string;
  readonly RequestId?: string;
  readonly StackId?: string;
  /** What the Lambda context reports as time left. */
  readonly remainingMs?: number;
  /** A request CloudFormation did not make (someone else invoking the handler): it is not in the stack's record. */
  readonly forged?: boolean;
}

export class CloudFormation {
  /**
   * `resourceType` goes in every event, and in the stack's record, which the handlers check against their kind;
   * `typeOf` picks another one for some handlers (one stand-in serving several kinds).
   */
  public static async start(resourceType: string, typeOf: (handler: Handler) => string | undefined = () => undefined): Promise<CloudFormation> {
    await cloudFormationApi();
    const cfn = new CloudFormation(resourceType, typeOf);
    await new Promise<void>((resolve) => cfn.server.listen(0, '127.0.0.1', resolve));
    return cfn;
  }

  private readonly server: http.Server;
  private readonly received = new Map<string, ResponseBody[]>();

  private constructor(private readonly resourceType: string, private readonly typeOf: (handler: Handler) => string | undefined) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const key = decodeURIComponent((req.url ?? '').slice(1));
        this.received.set(key, [...(this.received.get(key) ?? []), JSON.parse(Buffer.concat(chunks).toString('utf-8'))]);
        res.writeHead(200).end();
      });
    });
  }

  /** Sends one request to the handler, like CloudFormation does, and returns the response it got back. */
  public async request(handler: Handler, options: RequestOptions): Promise<Invocation> {
    const requestId = options.RequestId ?? randomUUID();
    const { remainingMs = 60_000, forged = false, ...fields } = options;
    const event = {
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:handler',
      ResponseURL: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/${requestId}`,
      StackId: STACK_ID,
      RequestId: requestId,
      ResourceType: this.typeOf(handler) ?? this.resourceType,
      LogicalResourceId: 'Resource',
      ...fields,
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:handler', ...options.ResourceProperties },
    };
    const started = Date.now();
    if (!forged) stacks.begin(event.StackId, event.LogicalResourceId, event.ResourceType, event.RequestType, event.PhysicalResourceId);
    const logs = await captureStdout(async () => {
      await handler(event, { getRemainingTimeInMillis: () => remainingMs - (Date.now() - started) });
      // A long wait goes on in asynchronous invocations (local-lambda.ts): the answer may come from any of them.
      await settled();
    });
    const responses = this.received.get(requestId) ?? [];
    if (responses.length !== 1) throw new Error(`expected exactly one response to CloudFormation, got ${responses.length}`);
    const [response] = responses;
    if (!forged) {
      const { StackId, LogicalResourceId, ResourceType, RequestType } = event;
      stacks.end(StackId, LogicalResourceId, ResourceType, RequestType, response.Status, response.PhysicalResourceId, response.Reason);
    }
    return { response, logs };
  }

  public async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Runs `fn` while collecting what it writes to stdout (the handlers' JSON logs). */
export async function captureStdout(fn: () => Promise<unknown>): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: any) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = original;
  }
  return out;
}

/** Points the SDK clients at a local endpoint with throwaway credentials. */
export function useLocalAws(url: string): void {
  process.env.AWS_ENDPOINT_URL = url;
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'AKIDLOCALTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'local-test-secret';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  process.env.CCR_RETRY_BASE_MS = '5';
  // The long-wait engine: the function's own name (Lambda sets it), and short polls.
  process.env.AWS_LAMBDA_FUNCTION_NAME = LOCAL_FUNCTION_NAME;
  process.env.CCR_POLL_MS = '20';
  process.env.CCR_HANDOFF_RESERVE_MS = '300';
}

/**
 * The handler of a bundled asset, run the way Lambda runs it: a plain Node.js process that loads
 * the bundle with its own SDK client (jest's module sandbox cannot load the SDK's lazy imports).
 */
export function bundledHandler(bundlePath: string): Handler {
  return (event, context) => new Promise<void>((resolve, reject) => {
    const script = `require(${JSON.stringify(bundlePath)}).handler(JSON.parse(process.env.CCR_EVENT), {
      getRemainingTimeInMillis: () => ${context.getRemainingTimeInMillis()} - (Date.now() - ${Date.now()}) })
      .catch((e) => { console.error(e); process.exit(1); });`;
    execFile(process.execPath, ['-e', script], { env: { ...process.env, CCR_EVENT: JSON.stringify(event) } }, (err, stdout, stderr) => {
      process.stdout.write(stdout);
      if (err) reject(new Error(`bundled handler failed: ${stderr || err.message}`));
      else resolve();
    });
  });
}
