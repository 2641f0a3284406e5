import { describe, expect, it } from 'vitest';

import { canonicalBytes, canonicalize, canonicalSha256Base64url, canonicalSha256Hex } from './canonical-json';
import { toHex } from './encoding';
import { sha256 } from './sha256';

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('RFC 8785 canonicalization', () => {
  it('serializes the §3.2.2 example', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts members by UTF-16 code units (§3.2.3)', () => {
    const input = JSON.parse(
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",' +
        ' "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",' +
        ' "\\u00f6": "Latin Small Letter O With Diaeresis"}',
    ) as Record<string, string>;
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serializes numbers as Appendix B lists (IEEE 754 bits → JSON)', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, json] of cases) expect(canonicalize(fromBits(bits)), bits).toBe(json);
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => canonicalize(fromBits('7fffffffffffffff'))).toThrow(TypeError); // NaN
    expect(() => canonicalize(fromBits('7ff0000000000000'))).toThrow(TypeError); // Infinity
    expect(() => canonicalize({ a: undefined })).toThrow(/undefined/);
    expect(() => canonicalize('\ud800')).toThrow(/surrogate/);
    expect(() => canonicalize({ '\udc00': 1 })).toThrow(/surrogate/);
    expect(() => canonicalize(new Date(0))).toThrow(/plain objects/);
    expect(() => canonicalize(1n)).toThrow(TypeError);
    expect(() => canonicalize(() => 1)).toThrow(TypeError);
  });

  it('is independent of member order and whitespace', () => {
    const a = JSON.parse('{ "b": [1, {"y": 2, "x": 1}], "a": "x" }') as unknown;
    const b = { a: 'x', b: [1, { x: 1, y: 2 }] };
    expect(canonicalize(a)).toBe('{"a":"x","b":[1,{"x":1,"y":2}]}');
    expect(canonicalSha256Hex(a)).toBe(canonicalSha256Hex(b));
  });

  it('hashes the UTF-8 canonical form', () => {
    const value = { text: 'é', n: 1 };
    expect(toHex(canonicalBytes(value))).toBe(toHex(new TextEncoder().encode('{"n":1,"text":"é"}')));
    expect(canonicalSha256Hex(value)).toBe(toHex(sha256('{"n":1,"text":"é"}')));
    expect(canonicalSha256Hex('hello')).toBe(toHex(sha256('"hello"')));
    expect(canonicalSha256Base64url({})).toBe('RBNvo1WzZ4oRRq0W9-hknpT7T8If536DEMBg9hyq_4o');
  });
});
