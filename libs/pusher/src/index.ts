export * from './signing';
export * from './http-signing';
export * from './protocol';
