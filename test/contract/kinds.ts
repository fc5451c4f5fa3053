/**
 * The lifecycle contract suite's rows, one per kind of the test registry (test/support/kinds): the suite runs
 * every case over every row; the differences between kinds live in the registry's entries.
 */
import { StructSchema } from '../../src/private/rules/schema';
import { ContractRow, KINDS } from '../support/kinds';

export { OPERATIONS } from '../support/kinds';
export type { Identity, Policy, Props, State, Version } from '../support/kinds';

export interface KindUnderTest extends ContractRow {
  readonly name: string;
  readonly resourceType: string;
  /** The kind's property schema: the suite derives the malformed inputs from it. */
  readonly schema: StructSchema;
  /** The handler module, required only after the local endpoint is configured (its client is built on load). */
  readonly module: string;
}

export const CONTRACT_KINDS: KindUnderTest[] = KINDS.map((entry) => ({
  ...entry.contract,
  name: entry.name,
  resourceType: entry.kind.resourceType,
  schema: entry.kind.schema,
  module: `../../lambda/${entry.kind.handler}`,
}));

/** The properties the way CloudFormation really sends them: every number and boolean as a string. */
export function asCloudFormationSends(value: unknown): any {
  if (Array.isArray(value)) return value.map(asCloudFormationSends);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asCloudFormationSends(v)]));
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
