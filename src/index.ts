export * from './instance-replica';
export * from './outbound-voice-contact';
export * from './profile-object-type';
export * from './proxy-session-settings';
export * from './traffic-distribution';
export * from './traffic-distribution-group-users';
export * from './voice-connector-proxy';
