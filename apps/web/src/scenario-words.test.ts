import { describe, expect, it } from 'vitest';
import { messagesFor } from './messages.ts';
import { sessionDescription } from './scenario-words.ts';

const list = [{ name: 'tcp-echo', title: 'TCP echo', description: 'The client connects (the 3-way handshake), sends the message.' }];

describe('what a shown session teaches', () => {
  it('says a built-in scenario in the page language, from the catalogue, or else from the server list', () => {
    expect(sessionDescription(messagesFor('ko'), { scenario: 'tcp-echo', title: 'TCP echo' }, list)).toMatch(/^클라이언트가 연결하고/);
    expect(sessionDescription(messagesFor('en'), { scenario: 'tcp-echo', title: 'TCP echo' }, list)).toBe(list[0]?.description);
  });

  it('says a scenario a teacher wrote in its own words, never a built-in one of the same name', () => {
    const mine = { scenario: 'tcp-echo', title: 'Mine', custom: true, description: 'Watch the FIN.' };
    expect(sessionDescription(messagesFor('ko'), mine, list)).toBe('Watch the FIN.');
    expect(sessionDescription(messagesFor('en'), { ...mine, description: '  ' }, list)).toBe('');
  });

  it('says nothing it does not know: a scenario a teacher sent without a description, or one missing from the list', () => {
    expect(sessionDescription(messagesFor('ko'), { scenario: 'tcp-echo', title: 'Mine', custom: true }, list)).toBe('');
    expect(sessionDescription(messagesFor('en'), { scenario: 'lesson-one', title: 'Lesson one' }, null)).toBe('');
  });
});
