/**
 * What the test registry knows of one construct kind: everything a cross-kind suite needs, in one entry per kind
 * (test/support/kinds/<kind>.ts), listed once in test/support/kinds/index.ts. The contract, security, scale and
 * bench suites read only this.
 */
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Kind } from '../../../src/private/rules/kind';
import { loadModel, OperationFake } from '../aws-endpoint';

export type Service = Parameters<typeof loadModel>[0];
export type Identity = 'A' | 'B';
export type Version = 1 | 2;
export type Policy = 'retain' | 'destroy';
export type Props = Record<string, any>;
export type State = Record<string, unknown>;

/** The fake service state a kind's handler acts on, behind the local model-checking endpoint. */
export interface FakeService {
  readonly service: Service;
  /** The fake's operations; one fake may serve several kinds (both Chime kinds share one). */
  readonly fakes: Record<string, OperationFake>;
}

/**
 * The kind's row in the lifecycle contract suite. Each row has two identities, A and B (a change between them is
 * a replacement), and two versions of its settings, 1 and 2 (a change between them is an in-place update, except
 * for OutboundVoiceContact, where every change of the call is a new call).
 */
export interface ContractRow {
  /** The one mutating operation of a Create or an Update. */
  readonly mutation: string;
  /** The one mutating operation of a DESTROY delete. */
  readonly deletion: string;
  /**
   * What a second Create of the same identity does (create_create). `adopts`: it finds what the first one made
   * (InstanceReplica: the replica with the same alias) and answers it, calling nothing that changes it.
   */
  readonly createCreate: 'idempotent' | 'refuses' | 'same-call' | 'adopts-again' | 'adopts';
  /** What an Update does when the resource was removed behind the stack's back (update_without_create). */
  readonly updateWithoutCreate: 'fails' | 'puts-it-back' | 'not-applicable';
  /** Whether a change of version keeps the physical ID (false: every change is a new physical resource). */
  readonly updatesInPlace: boolean;
  /** An override that breaks a deploy-time rule, with the reason it must give. */
  readonly invalid: { readonly overrides: Props; readonly reason: string };
  /** An operation whose answer feeds the attributes, and how to make that answer too big for CloudFormation. */
  readonly bloat?: { readonly operation: string; edit(output: any): any };
  /** Resets the fake to the world before any deployment: what the resources attach to exists. */
  reset(): void;
  props(identity: Identity, version?: Version, policy?: Policy): Props;
  /** The state the resources of this kind own in the fake, keyed by identity (OutboundVoiceContact: by call). */
  state(): State;
  /** The keys of `state()` that Create or Update with (identity, version) sets, with their values. */
  applied(identity: Identity, version: Version): State;
  /** The keys of `state()` after Create, DESTROY delete and Create again of (identity, 1); default: `applied`. */
  recreated?(identity: Identity): State;
  /** The keys of `state()` that a DESTROY delete of (identity, version) sets. */
  destroyed(identity: Identity, version: Version): State;
  /** The physical ID that (identity, version) must be answered with. */
  physicalId(identity: Identity, version: Version): string;
  /** The attributes (Data) CloudFormation must get for (identity, version), read from the fake; undefined: none. */
  attributes(identity: Identity, version: Version): Record<string, unknown> | undefined;
  /** Removes identity's resource behind the stack's back (or what it is attached to). */
  vanish(identity: Identity): void;
}

export interface SimplestJob {
  /** What the job is, in a few words, for the bench's page. */
  readonly setup: string;
  instance(scope: Construct, id: string, i: number): void;
  awsCustomResource(scope: Construct, id: string, i: number): void;
}

/**
 * The kind's row in the CloudFormation-order lifecycle suite (test/lifecycle), which deploys synthesized stacks with
 * IAM evaluated. Three targets: a removal or a replacement moves an instance off target 0 (to target 1); target 2
 * holds another instance that stays, so that the kind's handler stays in the stack.
 */
export interface LifecycleRow {
  /** `state` once an instance applied its settings. */
  readonly applied: string;
  /** `state` after its DESTROY (the same as before any deployment for kinds that delete what they made). */
  readonly destroyed: string;
  /** Resets the fake to the world before any deployment, with all three targets in it. */
  reset(): void;
  /** An instance on `target` with the given removal policy. */
  add(scope: Construct, id: string, target: 0 | 1 | 2, removalPolicy: RemovalPolicy): Construct;
  /** What the fake holds for `target`, as a short text. */
  state(target: 0 | 1 | 2): string;
}

/** One kind in the registry. */
export interface KindEntry {
  /** The construct's class name. */
  readonly name: string;
  /** The kind's declaration: handler folder, resource type, schema, attributes. */
  readonly kind: Kind;
  /** The IAM service prefix of the actions its handler calls. */
  readonly iamPrefix: string;
  readonly fake: FakeService;
  /** The fakes of other services the handler calls too (OutboundVoiceContact reads a parameter from SSM; Lambda, for a long wait's continuations). */
  readonly moreFakes?: readonly FakeService[];
  /** CloudFormation resources per stack besides the instances' own. @default 4 (function, role, managed policy, log group), 5 with a no-retry EventInvokeConfig */
  readonly fixedResources?: number;
  /**
   * Actions its role holds that its handler does not send: the dependent actions the Service Authorization Reference
   * lists for the calls it makes, which the service performs with the caller's permissions. `withoutRegion`: those
   * whose resources name no Region (IAM) or that take no resource type at all ("*").
   */
  readonly dependentActions?: { readonly all: readonly string[]; readonly withoutRegion: readonly string[] };
  readonly contract: ContractRow;
  /** What `instance` does, in a few words, for the bench's page. */
  readonly completeSetup: string;
  /**
   * The simplest job the construct does (its required props only, RETAIN where it has a removal policy), next to
   * an AwsCustomResource with onCreate and onUpdate doing the same, with IAM on each instance's ARN.
   */
  readonly simplest: SimplestJob;
  readonly lifecycle: LifecycleRow;
  /** The SDK v3 client that AwsCustomResource's handler loads from the Lambda runtime, for the same job. */
  readonly sdkPackage: string;
  /**
   * Instance `i` of the kind, literal values only, each instance with its own resource (so that a shared role's
   * policy grows as much as it can). `variant` 0 is a deployed configuration and 1 an update of it; the most
   * complete job the construct does (DESTROY, every config it takes).
   */
  instance(scope: Construct, id: string, i: number, variant: 0 | 1): Construct;
  /** Puts into the fake what instance `i` acts on (its group, domain, voice connector, session or instance). */
  prepare(i: number): void;
  /** The same job as `instance`, done with aws-cdk-lib's AwsCustomResource (the bench's comparison). */
  awsCustomResource(scope: Construct, id: string, i: number, variant: 0 | 1): void;
  /**
   * Adds the kind's instances to the stack with every construct (security suites): literal IDs and ARNs, and
   * tokens (CloudFormation parameters) in their place, with the personal data the suites look for.
   */
  everyConstruct(stack: Stack, param: (id: string) => string): void;
}
