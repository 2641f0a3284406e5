import { describe, expect, it } from 'vitest';
import { accessTokenFrom } from './access-token-verifier';
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

describe('access tokens come only from the Authorization header', () => {
  it('accepts the Bearer and DPoP schemes and refuses other schemes or junk', () => {
    expect(accessTokenFrom({ authorization: 'Bearer abc.def.ghi' })).toEqual({
      token: 'abc.def.ghi',
      scheme: 'bearer',
    });
    expect(accessTokenFrom({ authorization: 'bearer abc' })).toEqual({ token: 'abc', scheme: 'bearer' });
    expect(accessTokenFrom({ authorization: 'DPoP abc' })).toEqual({ token: 'abc', scheme: 'dpop' });
    expect(accessTokenFrom({ authorization: 'Basic abc' })).toBeUndefined();
    expect(accessTokenFrom({ authorization: 'Bearer a b' })).toBeUndefined();
    expect(accessTokenFrom({})).toBeUndefined();
  });
});
