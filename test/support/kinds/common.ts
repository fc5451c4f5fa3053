/** Values the registry's entries share. */
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** A lower-case UUID per instance number, such as Amazon Connect gives its resources. */
export const uuid = (i: number) => `${String(i).padStart(8, '0')}-2222-3333-4444-555555555555`;

/** A deep copy, so that a state snapshot does not change with the fake. */
export const plain = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** Personal data the stack with every construct carries: none of it may reach logs, failure reasons or outputs. */
export const PII = {
  destination: '+12065550142',
  source: '+12065550177',
  fallBack: '+14255550123',
  attributeValue: 'customer-jane.doe@example.com',
  fieldSource: '_source.customerSocialSecurityNumber',
  description: 'Orders with the customers home address',
};
