/**
 * Every handler of the library against one local model-checking endpoint that serves every service the kinds
 * call, with the registry's stateful fakes. `echo` makes the next call to an operation fail with a service error
 * built from its input, the way a real service message may repeat what it was sent.
 */
import { AwsEndpoint, loadModel, OperationFake, RequestContext, ServiceError } from '../support/aws-endpoint';
import { CloudFormation, cloudFormationApi, useLocalAws } from '../support/cloudformation';
import { KINDS, servicesOf } from '../support/kinds';

export interface LocalServices {
  readonly endpoint: AwsEndpoint;
  readonly cfn: CloudFormation;
  /** Each kind's handler, by its folder under lambda/. */
  readonly handlers: Record<string, any>;
  echo(operation: string, error: (input: Record<string, any>) => ServiceError): void;
  close(): Promise<void>;
}

export async function startLocalServices(): Promise<LocalServices> {
  const echoes = new Map<string, (input: Record<string, any>) => ServiceError>();
  const echoing = (fakes: Record<string, OperationFake>) => Object.fromEntries(Object.entries(fakes).map(([operation, fake]) => [
    operation,
    (input: Record<string, any>, request: RequestContext) => {
      const error = echoes.get(operation);
      echoes.delete(operation);
      if (error) throw error(input);
      return fake(input, request);
    },
  ]));
  const endpoint = await AwsEndpoint.start(...servicesOf().map(({ service, fakes }) => ({ model: loadModel(service), fakes: echoing(fakes) })));
  useLocalAws(endpoint.url);
  // Loaded after the endpoints are set, so that each module's clients are built for them.
  await cloudFormationApi();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const handlers = Object.fromEntries(KINDS.map(({ kind }) => [kind.handler, require(`../../lambda/${kind.handler}`).handler]));
  // One stand-in serves every kind, each handler's events typed as its kind's (the handlers check the stack's record).
  const typeOf = new Map(KINDS.map(({ kind }) => [handlers[kind.handler], kind.resourceType]));
  const cfn = await CloudFormation.start('Custom::Any', (handler) => typeOf.get(handler));
  return {
    endpoint,
    cfn,
    handlers,
    echo: (operation, error) => echoes.set(operation, error),
    close: async () => {
      await endpoint.close();
      await cfn.close();
    },
  };
}
