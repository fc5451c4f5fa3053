import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { HandlerAlarmOptions } from '../../handler-settings';

/**
 * One alarm per handler function: its errors plus its throttles, summed over the period. Either means that a
 * CloudFormation event may not have been answered as it should (the core answers even on failure, so an error is a
 * crash or a time-out of the function itself; a throttle delays the event). No data is normal: no deployment ran.
 */
export function handlerAlarm(scope: Construct, kind: string, fn: lambda.IFunction, options: HandlerAlarmOptions): cloudwatch.Alarm {
  const period = options.period ?? Duration.minutes(5);
  const alarm = new cloudwatch.Alarm(scope, 'Alarm', {
    alarmDescription: `cdk-contact-center-resources ${kind} handler: errors or throttles of ${fn.node.path}`,
    metric: new cloudwatch.MathExpression({
      expression: 'FILL(errors, 0) + FILL(throttles, 0)',
      usingMetrics: { errors: fn.metricErrors({ period, statistic: 'Sum' }), throttles: fn.metricThrottles({ period, statistic: 'Sum' }) },
      label: `${kind} errors + throttles`,
      period,
    }),
    threshold: options.threshold ?? 1,
    evaluationPeriods: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(...(options.actions ?? []));
  return alarm;
}
