import { toString as qrSvg } from 'qrcode';
import { useEffect, useState } from 'react';
import { useMessages } from '../messages.ts';
import { classLink } from './class-client.ts';
import { selectIsTeacher, useClassStore } from './class-store.ts';

/** The class's link, big enough to read from the back of the room, its QR code, and how many follow. */
export function TeachDialog() {
  const text = useMessages();
  const open = useClassStore((state) => state.dialogOpen && selectIsTeacher(state));
  const code = useClassStore((state) => state.code);
  const students = useClassStore((state) => state.students);
  const reach = useClassStore((state) => state.reach);
  const link = code ? classLink(code, window.location.origin, reach?.scope === 'network' ? reach.lanAddress : undefined) : '';
  const qr = useQrCode(open ? link : '');
  if (!open || !code) return null;
  return (
    <section role="dialog" aria-label={text.classroom.dialog} className="teach-dialog">
      <p className="teach-code"><span>{text.classroom.code}</span> <strong>{code}</strong></p>
      <p className="teach-link"><span>{text.classroom.link}</span> <a href={link}>{link}</a></p>
      {qr && <img className="teach-qr" src={qr} alt={text.classroom.qr} width={240} height={240} />}
      <p role="status" className="teach-count">{text.classroom.students(students)}</p>
      <p className="teach-reach">{reach?.scope === 'local' ? text.classroom.localOnly : text.classroom.network}</p>
      <button type="button" onClick={() => useClassStore.getState().setDialogOpen(false)}>{text.classroom.close}</button>
    </section>
  );
}

/** The QR code of `link` as an SVG data address; empty while it is drawn, or with no link. */
function useQrCode(link: string): string {
  const [qr, setQr] = useState({ link: '', src: '' });
  useEffect(() => {
    if (!link) return;
    let current = true;
    void qrSvg(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
      if (current) setQr({ link, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
    });
    return () => {
      current = false;
    };
  }, [link]);
  return qr.link === link ? qr.src : '';
}
