/**
 * cdk-nag 3 (aws-cdk-lib's policy-validation framework, `Validations`) over the packed library, with a current
 * aws-cdk-lib: the same stacks and the same promises as test/security/cdk-nag.test.ts (cdk-nag 2). The library's
 * acknowledgments are construct metadata with pack-prefixed IDs; the validation report lists them with their reasons.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NagPack, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { everyConstructStack } from '../security/every-construct';
import { acknowledgedWildcards, deleteWildcards, findingsWithoutSettings, PROVIDERS } from '../security/nag-findings';
import { regulatedStack } from '../security/regulated';
import { KINDS } from '../support/kinds';

const PACKS: Record<string, (scope: IConstruct) => NagPack> = {
  'AwsSolutions': (app) => new AwsSolutionsChecks(app),
  'HIPAA.Security': (app) => new HIPAASecurityChecks(app),
  'PCI.DSS.321': (app) => new PCIDSS321Checks(app),
  'NIST.800.53.R5': (app) => new NIST80053R5Checks(app),
  'Serverless': (app) => new ServerlessChecks(app),
};

interface Report {
  readonly pluginReports: Array<{
    readonly pluginName: string;
    readonly violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
    readonly suppressedViolations?: Array<{ ruleName: string; acknowledgedId: string; acknowledgedAt: string; reason: string }>;
  }>;
}

/** Synthesizes `stack`'s app with one pack, and reads the validation report (written whether synthesis fails or not). */
function validate(stack: Stack, pack: string) {
  const app = App.of(stack) as App;
  Validations.of(app).addPlugins(PACKS[pack](app));
  let failure: unknown;
  const exitCode = process.exitCode;
  try {
    app.synth();
  } catch (e) {
    failure = e;
  } finally {
    // aws-cdk-lib sets the process's exit code when a report has findings (for a CDK app run by the CLI): here the
    // test reads the report itself, and the exit code is jest's.
    process.exitCode = exitCode;
  }
  const file = path.join(app.outdir, 'validation-report.json');
  const report: Report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf-8')) : { pluginReports: [] };
  // A pack with nothing to report, violated or acknowledged, is left out of the report.
  const plugin = report.pluginReports.find((r) => r.pluginName === pack) ?? { violations: [], suppressedViolations: [] };
  return {
    failed: failure !== undefined,
    violations: plugin.violations.flatMap((v) => v.violatingConstructs.map((c) => `${c.constructPath}: ${v.ruleName}`)).sort(),
    acknowledged: (plugin.suppressedViolations ?? []).map((s) => ({ at: s.acknowledgedAt, id: s.acknowledgedId, reason: s.reason })),
  };
}

describe('AwsSolutions', () => {
  test('a stack with every construct passes, and the report lists the library\'s acknowledgments with their reasons', () => {
    const { failed, violations, acknowledged } = validate(everyConstructStack(), 'AwsSolutions');
    expect([failed, violations]).toEqual([false, []]);
    // One finding per ARN: an ARN acknowledged for two reasons (a replica Region's directories) is listed once.
    expect(acknowledged.map((a) => `${a.at}: ${a.id.replace(/<Ccr\w+Logs[0-9A-F]{8}>/, '<Logs>')}`).sort()).toEqual([...new Set([
      ...PROVIDERS.map((kind) => `ContactCenter/Ccr${kind}/Policy/Resource: AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:123456789012:log-group:<Logs>:log-stream:*]`),
      ...Object.entries(acknowledgedWildcards('123456789012')).flatMap(([kind, findings]) =>
        findings.map((finding) => `ContactCenter/Ccr${kind}/Policy/Resource: AwsSolutions::AwsSolutions-IAM5[${finding}]`)),
      // What a Delete needs, on the resource type (CloudFormation deletes in its cleanup phase, after the policy changed).
      ...Object.entries(deleteWildcards('123456789012')).flatMap(([kind, findings]) =>
        findings.map((finding) => `ContactCenter/Ccr${kind}/Policy/Resource: AwsSolutions::AwsSolutions-IAM5[${finding}]`)),
    ])].sort());
    for (const a of acknowledged) expect(a.reason.length).toBeGreaterThan(80);
  });

  test('a wildcard the library did not put there is still reported', () => {
    const stack = everyConstructStack();
    const handler = stack.node.findChild('CcrTrafficDistribution') as any;
    (handler.role as iam.Role).addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['connect:*'], resources: ['*'] }));
    const { failed, violations } = validate(stack, 'AwsSolutions');
    expect(failed).toBe(true);
    expect(violations).toEqual([
      'ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Action::connect:*]',
      'ContactCenter/CcrTrafficDistribution/Role/DefaultPolicy/Resource: AwsSolutions-IAM5[Resource::*]',
    ]);
  });
});

describe('HIPAA, PCI DSS 3.2.1, NIST 800-53 R5 and Serverless', () => {
  const expected = findingsWithoutSettings('ContactCenter');

  test.each(Object.keys(expected))('%s: without settings, only what the settings fix is reported', (pack) => {
    expect(validate(everyConstructStack(), pack).violations).toEqual(expected[pack].sort());
  });

  test.each(Object.keys(PACKS).flatMap((pack) => [[pack, 'before'], [pack, 'after']] as Array<[string, 'before' | 'after']>))(
    '%s: with a VPC, a key, retention, concurrency and tracing applied %s the constructs, the stack passes', (pack, when) => {
      const { failed, violations } = validate(regulatedStack(when), pack);
      expect([failed, violations]).toEqual([false, []]);
    });

  test.each(['HIPAA.Security', 'NIST.800.53.R5', 'Serverless'])('%s: the dead-letter queue is acknowledged on each handler, with the reason', (pack) => {
    const { acknowledged } = validate(regulatedStack(), pack);
    const dlq = acknowledged.filter((a) => a.id.endsWith('-LambdaDLQ'));
    expect(dlq.map((a) => `${a.at}: ${a.id}`).sort()).toEqual(PROVIDERS.map((kind) => `ContactCenter/Ccr${kind}/Handler/Resource: ${pack}::${pack}-LambdaDLQ`).sort());
    for (const a of dlq) expect(a.reason).toMatch(/^CloudFormation invokes this handler asynchronously/);
    // Serverless also checks the EventInvokeConfigs: the one that turns OutboundVoiceContact's retries off, and the
    // long-wait engine's (its asynchronous invocations: no failure destination, for the same reason).
    const others = acknowledged.filter((a) => !dlq.includes(a));
    const longWait = KINDS.filter((entry) => entry.kind.longWait).map((entry) => entry.name);
    expect(others.map((a) => `${a.at}: ${a.id}`).sort()).toEqual(pack !== 'Serverless' ? [] : [
      'ContactCenter/CcrOutboundVoiceContact/Retries/Resource: Serverless::Serverless-LambdaAsyncFailureDestination',
      ...longWait.map((kind) => `ContactCenter/Ccr${kind}/Handler/EventInvokeConfig/Resource: Serverless::Serverless-LambdaAsyncFailureDestination`),
    ].sort());
    for (const a of others) expect(a.reason).toMatch(/^(Every asynchronous invocation of this handler|This config only turns Lambda's asynchronous retries off)/);
  });
});
