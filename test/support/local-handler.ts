/**
 * The setup every handler test shares: a stateful fake behind the model-checking endpoint, the SDK pointed
 * at it, the CloudFormation stand-in, and the handler module, loaded only then (its client is built at load).
 * After each test, every request the handler sent must have passed the official model's checks.
 */
import * as path from 'path';
import { AwsEndpoint, loadModel, OperationFake } from './aws-endpoint';
import { CloudFormation, useLocalAws } from './cloudformation';

export interface LocalHandler {
  readonly endpoint: AwsEndpoint;
  readonly cfn: CloudFormation;
  readonly handler: any;
}

export interface LocalHandlerOptions {
  readonly service: Parameters<typeof loadModel>[0];
  /** Folder under lambda/. */
  readonly kind: string;
  readonly resourceType: string;
  /** Builds the fake service state (called once, before the endpoint starts). */
  readonly fakes: () => Record<string, OperationFake>;
  /** Other services the handler calls, with their fakes. */
  readonly more?: () => Array<{ service: Parameters<typeof loadModel>[0]; fakes: Record<string, OperationFake> }>;
}

/** Registers the hooks; `ready` receives the endpoint, the stand-in and the handler once they exist. */
export function useLocalHandler(options: LocalHandlerOptions, ready: (local: LocalHandler) => void): void {
  let local: LocalHandler;
  beforeAll(async () => {
    const endpoint = await AwsEndpoint.start({ model: loadModel(options.service), fakes: options.fakes() },
      ...(options.more?.() ?? []).map(({ service, fakes }) => ({ model: loadModel(service), fakes })));
    useLocalAws(endpoint.url);
    const cfn = await CloudFormation.start(options.resourceType);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    local = { endpoint, cfn, handler: require(path.join(__dirname, '..', '..', 'lambda', options.kind)).handler };
    ready(local);
  });
  afterAll(async () => {
    await local.endpoint.close();
    await local.cfn.close();
  });
  afterEach(() => {
    expect(local.endpoint.rejected).toEqual([]);
    expect(local.endpoint.defects).toEqual([]);
  });
}
