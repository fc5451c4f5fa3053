export * from './traffic-distribution';
export * from './profile-object-type';
