export * from './traffic-distribution';
export * from './proxy-session-settings';
export * from './voice-connector-proxy';
