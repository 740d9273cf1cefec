import { beforeEach, describe, expect, it } from 'vitest';
import { selectFollowing, selectIsStudent, selectIsTeacher, stopFollowing, useClassStore } from './class-store.ts';

const info = { v: 1, type: 'class', code: 'AB2CD', status: 'open', students: 0, reach: { scope: 'local' } } as const;

beforeEach(() => useClassStore.setState(useClassStore.getInitialState(), true));

describe('the class store', () => {
  it('follows from the moment a student joins, stops when they move on, and rejoins', () => {
    useClassStore.getState().joining('ab2cd');
    expect(useClassStore.getState().code).toBe('AB2CD');
    expect(selectFollowing(useClassStore.getState())).toBe(true);
    stopFollowing();
    expect(selectFollowing(useClassStore.getState())).toBe(false);
    useClassStore.getState().follow();
    expect(selectFollowing(useClassStore.getState())).toBe(true);
    useClassStore.getState().received({ ...info, role: 'student', status: 'ended' });
    expect(selectFollowing(useClassStore.getState())).toBe(false);
    expect(selectIsStudent(useClassStore.getState())).toBe(true);
  });

  it('shows a teacher the dialog when the class opens, not again when the count changes', () => {
    useClassStore.getState().received({ ...info, role: 'teacher' });
    expect(useClassStore.getState().dialogOpen).toBe(true);
    expect(selectIsTeacher(useClassStore.getState())).toBe(true);
    useClassStore.getState().setDialogOpen(false);
    useClassStore.getState().received({ ...info, role: 'teacher', students: 3 });
    expect(useClassStore.getState()).toMatchObject({ dialogOpen: false, students: 3 });
  });

  it('stops following nothing outside a class, and leaves a class that does not exist', () => {
    stopFollowing();
    expect(useClassStore.getState()).toEqual(useClassStore.getInitialState());
    useClassStore.getState().joining('ZZZZZ');
    useClassStore.getState().left();
    expect(selectIsStudent(useClassStore.getState())).toBe(false);
  });
});
