import { describe, expect, it } from 'vitest';
import { bearerTokenFrom } from './access-token-verifier';
import { scopeFor, scopesAllow } from './authorizer';

describe('scopes bound permissions', () => {
  it('maps permissions to scopes; a write scope implies read', () => {
    expect(scopeFor('tasks:read')).toBe('tasks:read');
    expect(scopeFor('certifications:revoke')).toBe('certifications:write');
    expect(scopesAllow(['tasks:write'], 'tasks:read')).toBe(true);
    expect(scopesAllow(['tasks:read'], 'tasks:write')).toBe(false);
    expect(scopesAllow(['tasks:read'], 'users:read')).toBe(false);
  });

  it('never delegates administration to clients, while users get it from their roles', () => {
    expect(scopesAllow(['users:write'], 'roles:manage', 'client')).toBe(false);
    expect(scopesAllow([], 'roles:manage', 'user')).toBe(true);
  });
});

describe('bearer tokens come only from the Authorization header', () => {
  it('accepts Bearer and refuses other schemes or junk', () => {
    expect(bearerTokenFrom({ authorization: 'Bearer abc.def.ghi' })).toBe('abc.def.ghi');
    expect(bearerTokenFrom({ authorization: 'bearer abc' })).toBe('abc');
    expect(bearerTokenFrom({ authorization: 'Basic abc' })).toBeUndefined();
    expect(bearerTokenFrom({ authorization: 'Bearer a b' })).toBeUndefined();
    expect(bearerTokenFrom({})).toBeUndefined();
  });
});
