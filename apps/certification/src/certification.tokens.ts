/** Injection tokens of the certification service. */
export const AUDIT_DB = Symbol('AUDIT_DB');
export const REDIS = Symbol('REDIS');
