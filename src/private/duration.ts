import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { throwIfInvalid } from './validate';

export type DurationUnit = 'seconds' | 'minutes' | 'days';

/**
 * A Duration prop as the API's amount of `unit`, fractions kept so that the rules can report them. A token
 * amount cannot be converted between units: the error then names the construct path and the prop, instead of
 * aws-cdk-lib's message with neither.
 */
export function amountOf(scope: Construct, prop: string, duration: Duration | undefined, unit: DurationUnit): number | undefined {
  if (duration === undefined) return undefined;
  try {
    switch (unit) {
      case 'seconds': return duration.toSeconds({ integral: false });
      case 'minutes': return duration.toMinutes({ integral: false });
      case 'days': return duration.toDays({ integral: false });
    }
  } catch {
    throwIfInvalid(scope, [{ path: prop, rule: `must be given with Duration.${unit}() when its amount is a token` }]);
    return undefined;
  }
}
