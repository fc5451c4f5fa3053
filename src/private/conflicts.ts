import { Stack, Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { throwIfInvalid } from './validate';

/** What each app's constructs manage, by identity: the construct path of the first one that claimed it. */
const claims = new WeakMap<IConstruct, Map<string, string>>();

/** One thing a construct manages. */
export interface Claim {
  /** What it is, for the message: `the object type contact-center-prod/Orders`. */
  readonly thing: string;
  /** The prop that names it, as the API names it: `ObjectTypeName`. */
  readonly prop: string;
  readonly value: string;
  /**
   * What identifies it: its kind and names. The account and Region are added: the stack's, or those `env` names
   * (a literal ARN's own). A token stands for itself, so two constructs given the same token conflict.
   */
  readonly identity: string[];
  readonly env?: { readonly account?: string; readonly region?: string };
}

/**
 * Claims what a construct manages. Two constructs of one app that manage the same thing would undo each other
 * (and one's DESTROY would delete what the other still sets): the second fails synthesis, naming both paths.
 */
export function claim(scope: Construct, c: Claim): void {
  const stack = Stack.of(scope);
  const account = c.env?.account ?? stack.account;
  const region = c.env?.region ?? stack.region;
  // An environment-agnostic stack may deploy anywhere: only the same stack's constructs are known to collide.
  const where = Token.isUnresolved(account) || Token.isUnresolved(region) ? `stack ${stack.node.path}` : `${account}/${region}`;
  const key = JSON.stringify([where, ...c.identity]);
  const app = scope.node.root;
  const seen = claims.get(app) ?? new Map<string, string>();
  claims.set(app, seen);
  const first = seen.get(key);
  if (first !== undefined) {
    throwIfInvalid(scope, [{
      path: c.prop,
      rule: `${c.thing} is already managed by ${first}; two constructs of one app must not manage the same thing`,
      value: c.value,
    }]);
  }
  seen.set(key, scope.node.path);
}
