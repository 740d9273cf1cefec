export interface Column {
  name: string;
  /** Right-aligned, as the numbers under it. */
  numeric?: boolean;
}

/** A table's header row: one column header per column, named as the table's language names it. */
export function ColumnHeads({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => <th key={column.name} scope="col" className={column.numeric ? 'num' : undefined}>{column.name}</th>)}
      </tr>
    </thead>
  );
}
