/**
 * @oversing/verifier: pure verification of Runcible certificates and of the transparency log. No NestJS,
 * database or network; runs in Node 20 and in browsers (WebCrypto, pure-JS SHA-256).
 */
export * from './bundle';
export * from './canonical-json';
export * from './checkpoint';
export * from './cosignature';
export * from './encoding';
export * from './key-rotation';
export * from './merkle';
export * from './merkle-frontier';
export * from './merkle-tree';
export * from './note-key';
export * from './sha256';
export * from './signed-note';
export * from './status-map';
export * from './timestamp-token';
export * from './tlog-proof';
export * from './verify-bundle';
