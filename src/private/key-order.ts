import { Token } from 'aws-cdk-lib';

/**
 * A map prop rendered with its keys in sorted order. jsii languages hand a map to the library in different orders:
 * TypeScript and Python keep insertion order, Go's runtime sorts the keys, and Java's `Map.of` has no order at all
 * (it changes from one JVM run to the next). Sorting gives the same template from every language and every run.
 * A map that is a token as a whole is left to resolve at synth.
 */
export function inKeyOrder<T, U = T>(
  map: { [key: string]: T } | undefined,
  render: (value: T) => U = (v) => v as unknown as U,
): { [key: string]: U } | undefined {
  if (map === undefined || Token.isUnresolved(map)) return map as { [key: string]: U } | undefined;
  return Object.fromEntries(Object.keys(map).sort().map((key) => [key, render(map[key])]));
}
