import { describe, expect, it } from 'vitest';
import { payloadPreview } from './payload-preview.ts';
import { ascii, concat } from './test-fixtures.ts';

describe('payloadPreview', () => {
  it('shows printable ASCII and dots, with lowercase hex', () => {
    expect(payloadPreview(concat(ascii('GET /'), [0x0d, 0x0a, 0x7e, 0x7f, 0xc3, 0xa9]))).toEqual({
      text: 'GET /..~...',
      hex: '474554202f0d0a7e7fc3a9',
      truncated: false,
    });
  });

  it('previews only the first maxBytes', () => {
    expect(payloadPreview(ascii('abcdef'), 4)).toEqual({ text: 'abcd', hex: '61626364', truncated: true });
    expect(payloadPreview(ascii('abcd'), 4).truncated).toBe(false);
    expect(payloadPreview(new Uint8Array(100)).hex).toHaveLength(128);
    expect(payloadPreview(new Uint8Array())).toEqual({ text: '', hex: '', truncated: false });
  });
});
