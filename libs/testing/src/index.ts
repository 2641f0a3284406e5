export * from './free-port';
export * from './self-signed-certificate';
