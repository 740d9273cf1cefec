import { Scenario } from '@sockscope/protocol';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset, lineAndColumn, readScenarioFile, scenarioFile } from './scenario-file.ts';

const scenario: Scenario = {
  name: 'three-steps', title: 'Three steps', description: '', proto: 'udp', message: 'hello',
  steps: [
    { op: 'bind', side: 'server' },
    { op: 'sendto', side: 'client', data: 'message' },
    { op: 'recvfrom', side: 'server' },
  ],
};

describe('scenario files', () => {
  it('saves a scenario as <name>.json in the documented format and reads it back unchanged', () => {
    const file = scenarioFile(scenario);
    expect(file.fileName).toBe('three-steps.json');
    expect(JSON.parse(file.text)).toEqual(scenario);
    expect(file.text.endsWith('\n')).toBe(true);
    expect(readScenarioFile(file.text)).toEqual({ ok: true, scenario });
    expect(readScenarioFile(`\uFEFF${file.text}`)).toEqual({ ok: true, scenario });
  });

  it('names the field and the reason when the JSON is not a valid scenario', () => {
    const bad = { ...scenario, steps: [...scenario.steps.slice(0, 2), { op: 'accept', side: 'server' }] };
    expect(readScenarioFile(JSON.stringify(bad))).toEqual({
      ok: false, reason: 'scenario', error: 'steps.2.op: accept() is a TCP operation; this scenario is UDP',
    });
    const unknownOp = readScenarioFile(JSON.stringify({ ...scenario, steps: [{ op: 'fork', side: 'client' }] }));
    expect(unknownOp).toMatchObject({ ok: false, reason: 'scenario', error: expect.stringMatching(/^steps\.0\.op: /) });
    expect(readScenarioFile('[]')).toMatchObject({ ok: false, reason: 'scenario' });
  });

  it('says where a text stops being JSON', () => {
    expect(readScenarioFile('{\n  "name": "x",\n  "title": oops\n}')).toEqual({ ok: false, reason: 'json', line: 3, column: 12, found: 'o' });
    expect(readScenarioFile('{"steps": [1, 2,]}')).toEqual({ ok: false, reason: 'json', line: 1, column: 17, found: ']' });
    expect(readScenarioFile('{"name": "x"')).toEqual({ ok: false, reason: 'json', line: 1, column: 13, found: null });
    expect(readScenarioFile('')).toEqual({ ok: false, reason: 'json', line: 1, column: 1, found: null });
  });
});

describe('jsonErrorOffset', () => {
  it('finds nothing wrong in JSON, whatever its values', () => {
    for (const text of ['0', '-1.5e+3', '"a\\u00e9\\n"', 'true', ' null ', '[]', '{}', '[1,[2,{"a":[false]}]]', '{"a":{"b":""}}']) {
      expect(jsonErrorOffset(text), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('finds the first character that breaks it, where JSON.parse also fails', () => {
    const cases: [string, number][] = [
      ['01', 1], ['{"a" 1}', 5], ["{'a': 1}", 1], ['[1 2]', 3], ['"tab\there"', 4], ['"\\x"', 1], ['tru', 0],
      ['{"a":1}}', 7], ['[', 1], ['{"a":}', 5], ['-', 0], ['1.', 1],
    ];
    for (const [text, offset] of cases) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(jsonErrorOffset(text), text).toBe(offset);
    }
  });

  it('gives up on a nesting deeper than any scenario rather than overflow', () => {
    expect(jsonErrorOffset(`${'['.repeat(100_000)}x`)).toBeNull();
  });

  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
