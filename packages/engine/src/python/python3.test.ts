import { describe, expect, it } from 'vitest';
import { Session } from '../session.ts';
import { builtInScenario } from '../scenarios/index.ts';

describe('a session of Python programs where python3 cannot run', () => {
  it('is refused with python-unavailable and the reason', async () => {
    process.env.SOCKSCOPE_PYTHON = '/nonexistent/python3';
    try {
      const opening = Session.open({ scenario: builtInScenario('tcp-echo'), capture: 'off', program: 'python' });
      await expect(opening).rejects.toMatchObject({ code: 'python-unavailable', message: expect.stringMatching(/^python3 cannot run here \(.*ENOENT.*\); install it/) });
    } finally {
      delete process.env.SOCKSCOPE_PYTHON;
    }
  });
});
