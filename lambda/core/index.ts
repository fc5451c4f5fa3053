export * from './cfn-response';
export * from './errors';
export * from './handler';
export * from './log';
export * from './retry';
export * from './sdk-config';
export * from './stack-record';
