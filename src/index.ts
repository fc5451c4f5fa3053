export * from './traffic-distribution';
export * from './outbound-voice-contact';
