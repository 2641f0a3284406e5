import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigError, env, parseConfig, tlsSchema } from './load-config';

const schema = z.object({
  PORT: env.port(3000),
  DATABASE_URL: env.postgresUrl('postgres://localhost/x'),
  FLAGS: env.list('a,b'),
  ON: env.bool(false),
});

describe('parseConfig', () => {
  it('applies defaults and coerces', () => {
    expect(parseConfig(schema, { PORT: '8080', ON: 'yes' })).toEqual({
      PORT: 8080,
      DATABASE_URL: 'postgres://localhost/x',
      FLAGS: ['a', 'b'],
      ON: true,
    });
  });

  it('names every bad variable', () => {
    try {
      parseConfig(schema, { PORT: '99999', DATABASE_URL: 'mysql://x', ON: 'maybe' });
      throw new Error('expected ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT: must be a port number/);
      expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(problems).toMatch(/ON: must be true or false/);
    }
  });

  it('requires both TLS files or neither', () => {
    expect(() => parseConfig(tlsSchema, { TLS_CERT_FILE: '/c.pem' })).toThrow(
      /TLS_KEY_FILE: is required when TLS_CERT_FILE is set/,
    );
    expect(parseConfig(tlsSchema, {})).toEqual({});
  });
});
