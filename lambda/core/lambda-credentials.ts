/**
 * Lambda hands the function role's credentials to the handler in environment variables. The bundles use
 * this module in place of the SDK's whole default provider chain (SSO, ini files, STS, IMDS, ...), which
 * would add about 100 KB and its load time to every cold start for providers Lambda never needs.
 * esbuild aliases `@aws-sdk/credential-provider-node` to this file (see .projenrc.ts).
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = () => fromEnv();
