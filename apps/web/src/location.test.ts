import { describe, expect, it } from 'vitest';
import { viewFromUrl, viewUrl } from './location.ts';

describe('the address', () => {
  it('marks a scenario the user wrote, so a reload resumes its session and never opens a built-in of that name', () => {
    const url = viewUrl({ scenarios: ['tcp-echo'], sessions: ['s1'], custom: true }, 'http://host/?lang=ko&scenario=udp-echo');
    expect(url).toBe('http://host/?lang=ko&scenario=tcp-echo&custom=1&session=s1');
    expect(viewFromUrl(new URL(url).search)).toEqual({ scenarios: ['tcp-echo'], sessions: ['s1'], custom: true });
    const builtIn = viewUrl({ scenarios: ['tcp-echo'], sessions: [] }, url);
    expect(builtIn).toBe('http://host/?lang=ko&scenario=tcp-echo');
    expect(viewFromUrl(new URL(builtIn).search)).toEqual({ scenarios: ['tcp-echo'], sessions: [] });
  });

  it('names a session of Python programs, and reads no other runtime into it', () => {
    const url = viewUrl({ scenarios: ['udp-echo'], sessions: ['s2'], program: 'python' }, 'http://host/?lang=en');
    expect(url).toBe('http://host/?lang=en&scenario=udp-echo&session=s2&program=python');
    expect(viewFromUrl(new URL(url).search)).toEqual({ scenarios: ['udp-echo'], sessions: ['s2'], program: 'python' });
    expect(viewFromUrl('?scenario=udp-echo&program=ruby')).toEqual({ scenarios: ['udp-echo'], sessions: [] });
    expect(viewUrl({ scenarios: ['udp-echo'], sessions: [] }, url)).toBe('http://host/?lang=en&scenario=udp-echo');
  });
});
