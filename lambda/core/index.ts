export * from './cfn-response';
export * from './continuation';
export * from './errors';
export * from './handler';
export * from './log';
export * from './pacer';
export * from './retry';
export * from './sdk-config';
