/**
 * The identifiers and Region names that the Amazon Connect kinds share, after the Connect API model (botocore
 * connect 2017-08-08), which only bounds the IDs' length: written once, for the construct and the handler alike.
 */
import { Checker } from './violations';

/** A lower-case UUID: what ends the ARN of an instance, a user, a flow, a queue or a traffic distribution group. */
export const UUID = '[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}';
/** An instance, user, flow or queue ID. */
export const CONNECT_ID = new RegExp(`^${UUID}$`);
/** AwsRegion in the model (8 to 31 characters), anchored: the model's pattern is not. */
export const REGION = /^[a-z]{2}(-[a-z]+){1,2}(-[0-9])?$/;

/** A Region name, by the model's length and pattern; the message names `example`. */
export function checkRegion(c: Checker, path: string, region: string | undefined, example: string): void {
  c.length(path, region, 8, 31);
  c.pattern(path, region, REGION, `must be a Region name such as ${example}`);
}
