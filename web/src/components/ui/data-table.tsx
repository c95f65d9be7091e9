import { memo, useMemo, useRef, useState, type ReactNode } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { cn } from "@/lib/cn";

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Value to sort by; columns without one are not sortable. */
  sortValue?: (row: T) => string | number | null | undefined;
  width?: string;
  title?: string;
  /** Classes added to each of the column's cells (a font, an alignment). */
  className?: string;
  /** Cells wrap instead of cutting their content short with an ellipsis (a column of buttons). */
  wrap?: boolean;
  /** The header is read by screen readers but not shown (a column of actions). */
  hideHeader?: boolean;
}

interface DataTableProps<T> {
  label: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowHeight?: number;
  /** Height of the scrolling area; the table virtualizes its rows inside it. */
  height?: string;
  initialSort?: { id: string; desc?: boolean };
  empty?: ReactNode;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: string;
}

type Sort = { id: string; desc: boolean } | null;

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/**
 * A sortable table whose rows are virtualized: only the rows in view (plus a few) are in the
 * DOM, so thousands of rows scroll smoothly. Row semantics stay intact (aria-rowcount/rowindex).
 */
export function DataTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowHeight = 36,
  height = "calc(100vh - 15rem)",
  initialSort,
  empty,
  minWidth,
}: DataTableProps<T>) {
  const [sort, setSort] = useState<Sort>(initialSort ? { id: initialSort.id, desc: initialSort.desc ?? false } : null);
  const scrollRef = useRef<HTMLDivElement>(null);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.id === sort.id);
    if (!column?.sortValue || !sort) return rows;
    const value = column.sortValue;
    const copy = [...rows];
    copy.sort((a, b) => compare(value(a), value(b)) * (sort.desc ? -1 : 1));
    return copy;
  }, [rows, columns, sort]);

  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  function toggle(id: string) {
    setSort((s) => (s?.id === id ? (s.desc ? null : { id, desc: true }) : { id, desc: false }));
  }

  if (rows.length === 0 && empty) return <>{empty}</>;

  return (
    <div
      ref={scrollRef}
      className="overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      style={{ maxHeight: height }}
      data-testid="table-scroll"
    >
      <table
        aria-label={label}
        aria-rowcount={sorted.length + 1}
        className="w-full table-fixed border-collapse text-sm"
        style={{ minWidth: minWidth ?? `${columns.length * 6}rem` }}
      >
        <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr aria-rowindex={1}>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                style={{ width: c.width }}
                title={c.title}
                aria-sort={sort?.id === c.id ? (sort.desc ? "descending" : "ascending") : undefined}
                className="px-3 py-2 font-semibold"
              >
                {c.sortValue ? (
                  <button
                    type="button"
                    className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-white"
                    onClick={() => toggle(c.id)}
                  >
                    {c.header}
                    <span aria-hidden className="text-[10px]">
                      {sort?.id === c.id ? (sort.desc ? "▼" : "▲") : ""}
                    </span>
                  </button>
                ) : c.hideHeader ? (
                  <span className="sr-only">{c.header}</span>
                ) : (
                  c.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={columns.length} />
            </tr>
          )}
          {items.map((item) => {
            const row = sorted[item.index];
            return <TableRow key={rowKey(row)} row={row} columns={columns} index={item.index} height={rowHeight} />;
          })}
          {padBottom > 0 && (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={columns.length} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps<T> {
  row: T;
  columns: Column<T>[];
  index: number;
  height: number;
}

/** Memoized: while scrolling, rows that stay in view are not rendered again. */
const TableRow = memo(function TableRow<T>({ row, columns, index, height }: RowProps<T>) {
  return (
    <tr
      aria-rowindex={index + 2}
      style={{ height }}
      className={cn("border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60")}
    >
      {columns.map((c) => (
        <td key={c.id} className={cn("px-3 py-1.5 align-middle", !c.wrap && "truncate", c.className)}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
}) as <T>(props: RowProps<T>) => ReactNode;
