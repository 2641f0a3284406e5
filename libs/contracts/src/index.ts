export * from './audit-event';
export * from './domain-event';
