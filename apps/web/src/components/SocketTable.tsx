import type { SocketRow } from '@sockscope/protocol';
import type { KernelTable, SocketField } from '../kernel/kernel-view.ts';
import type { Messages } from '../messages.ts';
import { ColumnHeads } from './ColumnHeads.tsx';

/** The /proc files a reading comes from: the kernel keeps IPv4 and IPv6, TCP and UDP sockets in separate ones. */
function procFiles(rows: readonly SocketRow[], proto: 'tcp' | 'udp'): string {
  const files = new Set(rows.map((row) => `/proc/net/${row.proto}${row.local.startsWith('[') ? '6' : ''}`));
  if (files.size === 0) files.add(`/proc/net/${proto}`);
  return [...files].sort().join(', ');
}

/** `address:port`, free to break before the port where the column is narrow. */
function Address({ value }: { value: string }) {
  const colon = value.lastIndexOf(':');
  if (colon <= 0) return <>{value}</>;
  return <>{value.slice(0, colon)}<wbr />{value.slice(colon)}</>;
}

const sideName = (side: string, text: Messages) => (side === 'client' || side === 'server' ? text.ladder[side] : side);

/** Sides in the ladder's order: client, server, then any other. */
const sideOrder = (side: string) => (side === 'client' ? 0 : side === 'server' ? 1 : 2);

/**
 * The kernel's socket table at the cursor, as `ss` would show it: the session's sockets grouped
 * by side, what changed since the reading before marked, sockets the kernel has let go struck out.
 */
export function SocketTable({ table, proto, text }: { table: KernelTable | null; proto: 'tcp' | 'udp'; text: Messages }) {
  const t = text.kernel.table;
  const rows = table?.reading.rows ?? [];
  const gone = table?.gone ?? [];
  // The drop counter is UDP's; a TCP session has none to show.
  const withDrops = [...rows, ...gone].some((row) => row.drops !== undefined);
  const columns = withDrops ? 7 : 6;
  const sides = [...new Set([...rows, ...gone].map((row) => row.side))].sort((a, b) => sideOrder(a) - sideOrder(b));
  const changedCell = (changed: ReadonlySet<SocketField>, field: SocketField, base = '') =>
    `${base}${changed.has(field) ? ' cell-changed' : ''}`.trim() || undefined;
  return (
    <div className="socket-table-wrap">
      <table className="socket-table">
        <caption>
          <span className="socket-table-title">{t.caption}</span>
          {table && (
            <span className="socket-table-source">
              {t.source(procFiles(rows, proto), (table.reading.t / 1000).toFixed(3), table.step ? String(table.step.index + 1) : undefined)}
            </span>
          )}
        </caption>
        <ColumnHeads columns={[
          { name: t.socket }, { name: t.local }, { name: t.remote }, { name: t.state },
          { name: t.recvQ, numeric: true }, { name: t.sendQ, numeric: true }, ...(withDrops ? [{ name: t.drops, numeric: true }] : []),
        ]} />
        {sides.length === 0 && (
          <tbody>
            <tr><td colSpan={columns} className="socket-table-empty">{table ? t.empty : t.none}</td></tr>
          </tbody>
        )}
        {sides.map((side) => (
          <tbody key={side}>
            <tr className="side-row"><th scope="rowgroup" colSpan={columns}>{sideName(side, text)}</th></tr>
            {table?.rows.filter(({ row }) => row.side === side).map(({ row, changed, isNew }) => (
              <tr key={row.socket} className={changed.size > 0 ? 'changed' : undefined} data-socket={row.socket}>
                <th scope="row">
                  {row.socket}
                  {isNew && <> <span className="row-tag">{t.isNew}</span></>}
                  {changed.size > 0 && !isNew && <span className="visually-hidden">{`, ${t.changed}`}</span>}
                </th>
                <td className={changedCell(changed, 'local', 'address')}><Address value={row.local} /></td>
                <td className={changedCell(changed, 'remote', 'address')}><Address value={row.remote} /></td>
                <td className={changedCell(changed, 'state')}><span className={`state-pill state-${row.state}`}>{row.state}</span></td>
                <td className={changedCell(changed, 'recvQ', 'num')}>
                  {row.recvQ}
                  {row.state === 'LISTEN' && <span className="cell-note">{t.acceptQueue}</span>}
                </td>
                <td className={changedCell(changed, 'sendQ', 'num')}>{row.sendQ}</td>
                {withDrops && <td className={changedCell(changed, 'drops', 'num')}>{row.drops ?? ''}</td>}
              </tr>
            ))}
            {gone.filter((row) => row.side === side).map((row) => (
              <tr key={row.socket} className="gone" data-socket={row.socket}>
                <th scope="row">{row.socket}</th>
                <td className="address"><Address value={row.local} /></td>
                <td className="address"><Address value={row.remote} /></td>
                <td colSpan={columns - 3}>{t.gone}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
