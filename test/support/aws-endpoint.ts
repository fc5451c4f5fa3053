/**
 * A local AWS endpoint for handler tests. The real SDK v3 clients talk HTTP to it (AWS_ENDPOINT_URL).
  * It routes each request by its SigV4 signing name and the model's protocol (rest-json: method and URI; json:
  * the X-Amz-Target header; query: the Action parameter), checks the request against the official model extract,
  * asks the IAM authorizer (when one is set) whether the caller may make it, runs a stateful fake of the operation,
  * checks the fake's output against the model too, and serializes it the way the protocol does. Faults and rate
  * limits can be injected. Every Region is served: a fake learns the Region each request was signed for
  * (`RequestContext`), so that it can keep the state of an instance and of its replica apart, and refuse a call
  * made in the wrong Region.
 */
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { check, checkStructure, ModelNode } from './model-check';

export interface OperationModel {
  readonly method: string;
  readonly uri: string;
  readonly successStatus: number;
  readonly input: ModelNode;
  readonly output: ModelNode;
  readonly errors: Record<string, number>;
  /** query protocol: the element the output is wrapped in. */
  readonly resultWrapper?: string;
}

export interface ServiceModel {
  readonly service: string;
  readonly signingName: string;
  readonly protocol: 'rest-json' | 'json' | 'query';
  /** json protocol: the X-Amz-Target prefix. */
  readonly targetPrefix?: string;
  readonly apiVersion: string;
  readonly operations: Record<string, OperationModel>;
}

export type ServiceName = 'connect' | 'customer-profiles' | 'chime-sdk-voice' | 'cloudformation' | 'ssm' | 'lambda';

export function loadModel(service: ServiceName): ServiceModel {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'models', `${service}.json`), 'utf-8'));
}

/** A modelled service error, answered with its HTTP status and `x-amzn-errortype`. */
export class ServiceError extends Error {
  constructor(public readonly code: string, message: string, public readonly status?: number) {
    super(message);
  }
}

/** What a fake knows of a request besides its input. */
export interface RequestContext {
  /** The Region the request was signed for: the client's Region. */
  readonly region: string;
  /** Who sent it, for fakes that act on the caller's behalf (SSM decrypting with the caller's KMS permissions). */
  readonly accessKeyId: string;
  /** The IAM authorizer's answer for another action the service takes on the caller's behalf; undefined: allowed. */
  authorize(action: string, resources: string[], context?: Readonly<Record<string, string | undefined>>): string | undefined;
}
/** The caller, as a fake that acts on its behalf sees it. */
export type CallContext = RequestContext;

export type OperationFake = (input: Record<string, any>, context: RequestContext) => unknown;

/** A request as IAM sees it: who, which service and operation, with what input. */
export interface AuthorizationRequest {
  readonly accessKeyId: string;
  /** The Region the request was signed for: the resources it names are in it. */
  readonly region?: string;
  readonly service: string;
  readonly operation: string;
  readonly input: Record<string, any>;
}

/**
 * Decides whether a request is allowed: undefined when it is, the denial message when it is not. It also answers
 * for an action the service takes on the caller's behalf (SSM asking KMS to decrypt for the caller).
 */
export interface Authorizer {
  authorize(request: AuthorizationRequest): string | undefined;
  authorizeAction(
    accessKeyId: string, action: string, resources: string[], context?: Readonly<Record<string, string | undefined>>): string | undefined;
}

export interface Fault {
  /** Answer with this status and error code instead of running the fake. */
  readonly status?: number;
  readonly code?: string;
  /** Wait this long before answering (the fake still runs unless another fault is set). */
  readonly delayMs?: number;
  /** Answer 200 with this raw body instead of the fake's output (malformed or empty bodies). */
  readonly rawBody?: string;
  /** Drop the connection without answering. */
  readonly reset?: boolean;
}

export interface Call {
  readonly service: string;
  readonly operation: string;
  readonly input: Record<string, any>;
  readonly at: number;
  /** The Region the request was signed for. */
  readonly region: string;
}

interface Bucket { tokens: number; last: number; readonly rate: number; readonly burst: number; readonly code: string }

export class AwsEndpoint {
  public static async start(...services: Array<{ model: ServiceModel; fakes: Record<string, OperationFake> }>): Promise<AwsEndpoint> {
    const endpoint = new AwsEndpoint(services);
    await new Promise<void>((resolve) => endpoint.server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  /** Requests that passed the model check, in order. */
  public readonly calls: Call[] = [];
  /** Requests the model check refused, with the problems found. */
  public readonly rejected: Array<{ operation: string; problems: string[] }> = [];
  /** Outputs of the fakes that broke the model: a bug in the test support, never expected. */
  public readonly defects: string[] = [];
  /** Requests the authorizer denied, answered with the service's own 403. */
  public readonly denied: Array<{ operation: string; message: string }> = [];
  /** When set, every request must be allowed by it (the caller's IAM policy); otherwise every request is. */
  public authorizer?: Authorizer;
  /**
   * Called once a fake has run, before its answer goes out. Answering `hold` sends no answer at all: the service
   * did the work, and the caller never hears of it (a handler that crashed at that moment).
   */
  public readonly answered: Array<(call: Call) => 'hold' | void> = [];
  private readonly server: http.Server;
  private readonly faults = new Map<string, Fault[]>();
  private readonly buckets = new Map<string, Bucket>();
  /** Injected delays still running: close() cancels them, or they would keep the test process alive after the run. */
  private readonly delays = new Set<NodeJS.Timeout>();

  private constructor(private readonly services: Array<{ model: ServiceModel; fakes: Record<string, OperationFake> }>) {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.handle(req, res, Buffer.concat(chunks).toString('utf-8')).catch((err) => {
          this.defects.push(String(err));
          res.writeHead(500).end();
        });
      });
    });
  }

  public get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next calls to `operation` meet these faults, one per call, in order. */
  public inject(operation: string, ...faults: Fault[]): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), ...faults]);
  }

  /** Token-bucket rate limit on an operation, like the service's per-account TPS quota. */
  public rateLimit(operation: string, ratePerSecond: number, burst: number, code = 'ThrottlingException'): void {
    this.buckets.set(operation, { tokens: burst, last: Date.now(), rate: ratePerSecond, burst, code });
  }

  /** Forgets faults injected but not met yet, so that one test's leftovers never reach the next. */
  public clearFaults(): void {
    this.faults.clear();
  }

  /** Requests still held by an injected delay are dropped: never answered, their fake never runs. */
  public dropDelayed(): void {
    for (const timer of this.delays) clearTimeout(timer);
    this.delays.clear();
  }

  public callsTo(operation: string): Call[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  /** Lets the test process exit while the endpoint still listens (one that lives as long as the test file). */
  public unref(): void {
    this.server.unref();
    this.server.on('connection', (socket) => socket.unref());
  }

  public async close(): Promise<void> {
    this.dropDelayed();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): Promise<void> {
    const credential = /Credential=([^/]+)\/[^/]+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
    const [accessKeyId, region, signingName] = [credential?.[1] ?? '', credential?.[2] ?? '', credential?.[3]];
    const url = new URL(req.url ?? '/', 'http://localhost');
    const service = this.services.find((s) => s.model.signingName === signingName);
    if (!service) return send(res, 404, { 'x-amzn-errortype': 'UnknownOperationException' }, { message: `no service signs as ${signingName}` });
    const protocol = PROTOCOLS[service.model.protocol];
    const match = protocol.route(service.model, req, url, body);
    if (!match) return protocol.error(res, service.model, undefined, new ServiceError('UnknownOperationException', `no modelled operation for ${req.method} ${url.pathname}`, 404));
    const { name, op } = match;
    const { input, problems } = protocol.parse(op, match, url, req.headers, body);
    const fail = (err: ServiceError) => protocol.error(res, service.model, op, err);
    if (problems.length > 0) {
      this.rejected.push({ operation: name, problems });
      return fail(new ServiceError(validationErrorOf(service.model, op), `${name}: ${problems.join('; ')}`));
    }
    const denial = this.authorizer?.authorize({ accessKeyId, region, service: service.model.service, operation: name, input });
    if (denial) {
      this.denied.push({ operation: name, message: denial });
      return fail(accessDeniedOf(service.model, op, denial));
    }
    const call: Call = { service: service.model.service, operation: name, input, at: Date.now(), region };
    this.calls.push(call);

    const fault = this.faults.get(name)?.shift();
    if (fault?.delayMs) await this.delay(fault.delayMs);
    if (fault?.reset) return void req.socket.destroy();
    if (fault?.status) return fail(new ServiceError(fault.code ?? 'InternalServiceException', 'injected fault', fault.status));
    if (fault?.rawBody !== undefined) return void res.writeHead(op.successStatus, { 'content-type': protocol.contentType }).end(fault.rawBody);
    if (!this.takeToken(name)) return fail(new ServiceError(this.buckets.get(name)!.code, 'Rate exceeded', 429));

    const fake = service.fakes[name];
    if (!fake) return send(res, 501, { 'x-amzn-errortype': 'NotImplemented' }, { message: `no fake for ${name}` });
    const context: RequestContext = {
      region,
      accessKeyId,
      authorize: (action, resources, conditions) => this.authorizer?.authorizeAction(accessKeyId, action, resources, conditions),
    };
    let output: Record<string, unknown>;
    try {
      output = (await fake(input, context) ?? {}) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ServiceError) return fail(err);
      throw err;
    }
    const outputProblems = checkStructure(op.output, output, '', [], () => true);
    if (outputProblems.length > 0) {
      this.defects.push(`${name} output: ${outputProblems.join('; ')}`);
      return send(res, 500, { 'x-amzn-errortype': 'FakeDefect' }, { message: outputProblems.join('; ') });
    }
    if ([...this.answered].map((listener) => listener(call)).includes('hold')) return;
    protocol.output(res, service.model, name, op, output);
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.delays.delete(timer);
        resolve();
      }, ms);
      this.delays.add(timer);
    });
  }

  private takeToken(operation: string): boolean {
    const b = this.buckets.get(operation);
    if (!b) return true;
    const now = Date.now();
    b.tokens = Math.min(b.burst, b.tokens + ((now - b.last) / 1000) * b.rate);
    b.last = now;
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

interface Route {
  readonly name: string;
  readonly op: OperationModel;
  /** rest-json: the URI's labels. */
  readonly labels?: Record<string, string>;
}

interface Parsed {
  readonly input: Record<string, any>;
  readonly problems: string[];
}

/** How one wire protocol routes a request, reads its input, and writes an answer or an error. */
interface Protocol {
  readonly contentType: string;
  route(model: ServiceModel, req: http.IncomingMessage, url: URL, body: string): Route | undefined;
  parse(op: OperationModel, route: Route, url: URL, headers: http.IncomingHttpHeaders, body: string): Parsed;
  output(res: http.ServerResponse, model: ServiceModel, name: string, op: OperationModel, output: Record<string, unknown>): void;
  error(res: http.ServerResponse, model: ServiceModel, op: OperationModel | undefined, err: ServiceError): void;
}

const restJson: Protocol = {
  contentType: 'application/json',
  route(model, req, url) {
    for (const [name, op] of Object.entries(model.operations)) {
      if (op.method !== req.method) continue;
      const [template, query] = op.uri.split('?');
      const labels = matchPath(template, url.pathname);
      if (!labels) continue;
      // A literal query in the URI template (e.g. "?operation=x") must be present too.
      if (query && !query.split('&').every((kv) => { const [k, v] = kv.split('='); return url.searchParams.get(k) === (v ?? ''); })) continue;
      return { name, op, labels };
    }
    return undefined;
  },
  parse: (op, route, url, headers, body) => parseRestJson(op, route.labels ?? {}, url, headers, body),
  output(res, _model, _name, op, output) {
    const { headers, json, status = op.successStatus, raw } = serializeOutput(op.output, output);
    if (status === 204 || raw === '') return void res.writeHead(status, headers).end();
    if (raw !== undefined) return void res.writeHead(status, headers).end(raw);
    send(res, status, headers, json);
  },
  error(res, _model, op, err) {
    const status = err.status ?? op?.errors[err.code] ?? 400;
    send(res, status, { 'x-amzn-errortype': err.code }, { Message: err.message, message: err.message });
  },
};

/** awsJson1_1: POST / with `X-Amz-Target: <prefix>.<Operation>` and the whole input as the JSON body. */
const awsJson: Protocol = {
  contentType: 'application/x-amz-json-1.1',
  route(model, req) {
    const target = String(req.headers['x-amz-target'] ?? '');
    const name = target.startsWith(`${model.targetPrefix}.`) ? target.slice(model.targetPrefix!.length + 1) : '';
    const op = model.operations[name];
    return op && req.method === 'POST' ? { name, op } : undefined;
  },
  parse(op, _route, _url, _headers, body) {
    const problems: string[] = [];
    let input: Record<string, any> = {};
    try {
      input = body.trim() ? JSON.parse(body) : {};
    } catch {
      problems.push('(body): not valid JSON');
    }
    checkStructure(op.input, input, '', problems, () => true);
    return { input, problems };
  },
  output(res, _model, _name, op, output) {
    send(res, 200, { 'content-type': 'application/x-amz-json-1.1' }, toWire(op.output, output));
  },
  error(res, _model, op, err) {
    const status = err.status ?? op?.errors[err.code] ?? 400;
    send(res, status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': err.code }, { __type: err.code, message: err.message });
  },
};

/** awsQuery: a form-encoded POST with `Action` and `Version`, answered in XML inside `<Operation>Result`. */
const awsQuery: Protocol = {
  contentType: 'text/xml',
  route(model, req, _url, body) {
    const params = new URLSearchParams(body);
    const name = params.get('Action') ?? '';
    const op = model.operations[name];
    return op && req.method === 'POST' && params.get('Version') === model.apiVersion ? { name, op } : undefined;
  },
  parse(op, _route, _url, _headers, body) {
    const problems: string[] = [];
    const params = new URLSearchParams(body);
    const input: Record<string, any> = {};
    const known = new Set(['Action', 'Version']);
    for (const [name, member] of Object.entries(op.input.members ?? {})) {
      if (member.type === 'list') {
        const items: string[] = [];
        for (let i = 1; params.has(`${name}.member.${i}`); i++) {
          items.push(params.get(`${name}.member.${i}`)!);
          known.add(`${name}.member.${i}`);
        }
        if (items.length > 0 || params.has(name)) input[name] = items;
        known.add(name);
      } else if (params.has(name)) {
        const raw = params.get(name)!;
        input[name] = member.type === 'integer' || member.type === 'long' ? Number(raw) : member.type === 'boolean' ? raw === 'true' : raw;
        known.add(name);
      }
    }
    for (const key of params.keys()) if (!known.has(key)) problems.push(`${key}: is not a member of the model`);
    checkStructure(op.input, input, '', problems, () => true);
    return { input, problems };
  },
  output(res, model, name, op, output) {
    const ns = `http://${model.signingName}.amazonaws.com/doc/${model.apiVersion}/`;
    const result = op.resultWrapper ? `<${op.resultWrapper}>${toXml(op.output, output)}</${op.resultWrapper}>` : '';
    const xml = `<${name}Response xmlns="${ns}">${result}<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${name}Response>`;
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
  },
  error(res, model, op, err) {
    const status = err.status ?? op?.errors[err.code] ?? 400;
    const ns = `http://${model.signingName}.amazonaws.com/doc/${model.apiVersion}/`;
    const xml = `<ErrorResponse xmlns="${ns}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(err.code)}</Code>`
      + `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
    res.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) }).end(xml);
  },
};

const PROTOCOLS: Record<ServiceModel['protocol'], Protocol> = { 'rest-json': restJson, 'json': awsJson, 'query': awsQuery };

function matchPath(template: string, pathname: string): Record<string, string> | undefined {
  const names: string[] = [];
  const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+?)(\\\+)?\}/g, (_m, label: string, greedy?: string) => {
    names.push(label);
    return greedy ? '(.+)' : '([^/]+)';
  });
  const m = new RegExp(`^${source}$`).exec(pathname);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
}

function parseRestJson(op: OperationModel, labels: Record<string, string>, url: URL, headers: http.IncomingHttpHeaders, body: string) {
  const problems: string[] = [];
  const input: Record<string, any> = {};
  let json: Record<string, unknown> = {};
  // A structure whose body is one member (Lambda's Invoke Payload): the body is that member, as it came.
  const payload = op.input.payload;
  if (payload) {
    if (body) input[payload] = body;
  } else if (body.trim()) {
    try {
      json = JSON.parse(body);
    } catch {
      problems.push('(body): not valid JSON');
    }
  }
  for (const [name, member] of Object.entries(op.input.members ?? {})) {
    const wire = member.locationName ?? name;
    let raw: unknown;
    if (member.location === 'uri') raw = labels[wire];
    // A list in the query string repeats its name once per item (e.g. UntagResource's tagKeys).
    else if (member.location === 'querystring' && member.type === 'list') raw = url.searchParams.has(wire) ? url.searchParams.getAll(wire) : undefined;
    else if (member.location === 'querystring') raw = url.searchParams.get(wire) ?? undefined;
    else if (member.location === 'header') raw = headers[wire.toLowerCase()];
    else continue;
    if (raw !== undefined && (member.type === 'integer' || member.type === 'long')) raw = Number(raw);
    if (raw !== undefined && member.type === 'boolean') raw = raw === 'true';
    if (raw !== undefined) input[name] = raw;
  }
  if (!payload) checkStructure(op.input, json, '', problems, (m) => !m.location);
  Object.assign(input, json);
  for (const [name, member] of Object.entries(op.input.members ?? {})) {
    if (member.location) {
      check(member, input[name], name, problems);
      if (member.required && input[name] === undefined) problems.push(`${name}: is required`);
    }
  }
  return { input, problems };
}

function serializeOutput(node: ModelNode, output: Record<string, unknown>) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const json: Record<string, unknown> = {};
  let status: number | undefined;
  // A payload member is the whole body (empty when the fake gives none, as for an asynchronous Invoke).
  let raw: string | undefined = node.payload ? '' : undefined;
  for (const [name, value] of Object.entries(output)) {
    const member = node.members![name];
    if (member.location === 'header') headers[member.locationName!.toLowerCase()] = String(value);
    else if (member.location === 'statusCode') status = Number(value);
    else if (name === node.payload) raw = String(value);
    else json[member.locationName ?? name] = toWire(member, value);
  }
  return { headers, json, status, raw };
}

/** JSON wire form (rest-json and json): timestamps as epoch seconds unless the model says iso8601. */
function toWire(node: ModelNode, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  switch (node.type) {
    case 'timestamp': {
      const date = value instanceof Date ? value : new Date(value as string);
      return node.timestampFormat === 'iso8601' ? date.toISOString() : date.getTime() / 1000;
    }
    case 'list':
      return (value as unknown[]).map((v) => toWire(node.member!, v));
    case 'map':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(node.value!, v)]));
    case 'structure':
      return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(node.members![k], v)]));
    default:
      return value;
  }
}

/** Query wire form: one element per member, lists as `<member>` items, timestamps in ISO 8601. */
function toXml(node: ModelNode, value: unknown): string {
  if (value === undefined || value === null) return '';
  switch (node.type) {
    case 'structure':
      return Object.entries(value as object).filter(([, v]) => v !== undefined)
        .map(([k, v]) => `<${k}>${toXml(node.members![k], v)}</${k}>`).join('');
    case 'list':
      return (value as unknown[]).map((v) => `<member>${toXml(node.member!, v)}</member>`).join('');
    case 'map':
      return Object.entries(value as object).map(([k, v]) => `<entry><key>${escapeXml(k)}</key><value>${toXml(node.value!, v)}</value></entry>`).join('');
    case 'timestamp':
      return (value instanceof Date ? value : new Date(value as string)).toISOString();
    default:
      return escapeXml(String(value));
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function validationErrorOf(model: ServiceModel, op: OperationModel): string {
  if (model.protocol === 'query') return 'ValidationError';
  return ['InvalidParameterException', 'InvalidRequestException', 'BadRequestException', 'ValidationException']
    .find((code) => op.errors[code] !== undefined) ?? 'ValidationException';
}

/**
 * The error a service answers when IAM denies the caller: AccessDenied (403) over the query protocol,
 * AccessDeniedException (400) over json, and over rest-json the operation's modelled 403
 * (AccessDeniedException where modelled, Chime SDK Voice's ForbiddenException), else AccessDeniedException (403).
 */
function accessDeniedOf(model: ServiceModel, op: OperationModel, message: string): ServiceError {
  if (model.protocol === 'query') return new ServiceError('AccessDenied', message, 403);
  if (model.protocol === 'json') return new ServiceError('AccessDeniedException', message, 400);
  if (op.errors.AccessDeniedException !== undefined) return new ServiceError('AccessDeniedException', message, op.errors.AccessDeniedException);
  // The operation's own 403 for access (Chime's ForbiddenException), not any 403 (Lambda's EFSMountFailureException).
  const forbidden = Object.entries(op.errors).find(([name, status]) => status === 403 && /Forbidden|AccessDenied|Unauthorized/.test(name))?.[0];
  return new ServiceError(forbidden ?? 'AccessDeniedException', message, 403);
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, json: unknown): void {
  const body = JSON.stringify(json);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers }).end(body);
}
