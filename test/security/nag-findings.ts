/**
 * What cdk-nag reports on the stack with every construct without handler settings: only what the settings fix.
 * Shared by the cdk-nag 2 suite (test/security/cdk-nag.test.ts) and the cdk-nag 3 one (test/nag3).
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Every handler kind, as its provider's construct ID names it (`Ccr<Kind>`): read from the handler folders under
 * lambda/, so that the isolated cdk-nag 3 project needs nothing of the library's sources.
 */
const LAMBDA = path.join(__dirname, '..', '..', 'lambda');
export const PROVIDERS = fs.readdirSync(LAMBDA)
  .filter((d) => d !== 'core' && fs.existsSync(path.join(LAMBDA, d, 'index.ts')))
  .map((d) => d.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()));

/** `<construct path>: <rule>` for each finding, per pack; `root` is how the pack's report writes the stack's path. */
export function findingsWithoutSettings(root: string): Record<string, string[]> {
  const everyHandler = (rule: string, child: string) => PROVIDERS.map((kind) => `${root}/Ccr${kind}/${child}: ${rule}`);
  return {
    'HIPAA.Security': [
      ...everyHandler('HIPAA.Security-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('HIPAA.Security-LambdaConcurrency', 'Handler/Resource'),
      ...everyHandler('HIPAA.Security-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'PCI.DSS.321': [
      ...everyHandler('PCI.DSS.321-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('PCI.DSS.321-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'NIST.800.53.R5': [
      ...everyHandler('NIST.800.53.R5-CloudWatchLogGroupEncrypted', 'Logs/Resource'),
      ...everyHandler('NIST.800.53.R5-LambdaConcurrency', 'Handler/Resource'),
      ...everyHandler('NIST.800.53.R5-LambdaInsideVPC', 'Handler/Resource'),
    ],
    'Serverless': everyHandler('Serverless-LambdaTracing', 'Handler/Resource'),
  };
}
