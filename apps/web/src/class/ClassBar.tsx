import { useMessages } from '../messages.ts';
import './class.css';
import { selectConnection, useSessionStore } from '../session-store.ts';
import { teach } from './class-client.ts';
import { selectIsStudent, selectIsTeacher, useClassStore } from './class-store.ts';

/** Teach, for a page that can open a class; for a student, whose view they see and the way back to the teacher's. */
export function ClassBar() {
  const text = useMessages();
  const student = useClassStore(selectIsStudent);
  const teacher = useClassStore(selectIsTeacher);
  const code = useClassStore((state) => state.code);
  const students = useClassStore((state) => state.students);
  const open = useSessionStore(selectConnection) === 'open';
  if (student) return <StudentBanner />;
  return (
    <div className="class-bar">
      <button type="button" title={text.classroom.teachHint} disabled={!open} onClick={teach}>{text.classroom.teach}</button>
      {teacher && code && <span className="class-count">{`${text.classroom.inClass(code)} · ${text.classroom.students(students)}`}</span>}
    </div>
  );
}

function StudentBanner() {
  const text = useMessages();
  const following = useClassStore((state) => state.following);
  const ended = useClassStore((state) => state.status === 'ended');
  const code = useClassStore((state) => state.code);
  const { follow } = useClassStore.getState();
  if (ended) return <p role="status" className="class-banner ended">{text.classroom.ended}</p>;
  return (
    <div className={`class-banner${following ? ' following' : ''}`}>
      <p role="status">{`${code ? `${text.classroom.inClass(code)} · ` : ''}${following ? text.classroom.following : text.classroom.exploring}`}</p>
      <button type="button" aria-pressed={following} onClick={follow}>{text.classroom.follow}</button>
    </div>
  );
}
