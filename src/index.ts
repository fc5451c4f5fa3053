export * from './traffic-distribution';
