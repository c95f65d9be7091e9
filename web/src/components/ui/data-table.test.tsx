import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { DataTable, type Column } from "./data-table";

interface Item {
  id: number;
  name: string;
}

const rows: Item[] = Array.from({ length: 5000 }, (_, i) => ({ id: i, name: `pod-${String(i).padStart(4, "0")}` }));
const columns: Column<Item>[] = [
  { id: "name", header: "Name", cell: (r) => r.name, sortValue: (r) => r.name },
  { id: "id", header: "Number", cell: (r) => r.id, sortValue: (r) => r.id },
];

describe("DataTable", () => {
  beforeEach(() => {
    // jsdom has no layout: give the scroll area a 600 px viewport.
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(1000);
  });
  afterEach(() => vi.restoreAllMocks());

  it("renders only a window of a 5,000-row table, and the rows after scrolling", () => {
    render(<DataTable label="Pods" rows={rows} columns={columns} rowKey={(r) => String(r.id)} rowHeight={36} />);
    const table = screen.getByRole("table", { name: "Pods" });
    expect(table).toHaveAttribute("aria-rowcount", "5001");
    const bodyRows = within(table)
      .getAllByRole("row")
      .filter((r) => r.hasAttribute("aria-rowindex") && r.getAttribute("aria-rowindex") !== "1");
    expect(bodyRows.length).toBeGreaterThan(10);
    expect(bodyRows.length).toBeLessThan(60);
    expect(screen.getByText("pod-0000")).toBeInTheDocument();
    expect(screen.queryByText("pod-4999")).not.toBeInTheDocument();

    const scroller = screen.getByTestId("table-scroll");
    scroller.scrollTop = 36 * 4000;
    fireEvent.scroll(scroller);
    expect(screen.getByText("pod-4000")).toBeInTheDocument();
    expect(screen.queryByText("pod-0000")).not.toBeInTheDocument();
  });

  it("sorts by a column when its header is clicked, and says so to assistive technology", () => {
    render(<DataTable label="Pods" rows={rows.slice(0, 5)} columns={columns} rowKey={(r) => String(r.id)} />);
    const header = screen.getByRole("columnheader", { name: /Number/ });
    fireEvent.click(within(header).getByRole("button"));
    expect(header).toHaveAttribute("aria-sort", "ascending");
    fireEvent.click(within(header).getByRole("button"));
    expect(header).toHaveAttribute("aria-sort", "descending");
    const first = screen.getAllByRole("row")[1];
    expect(first).toHaveTextContent("pod-0004");
  });

  it("shows the empty state when there are no rows", () => {
    render(<DataTable label="Pods" rows={[]} columns={columns} rowKey={(r) => String(r.id)} empty={<p>Nothing here</p>} />);
    expect(screen.getByText("Nothing here")).toBeInTheDocument();
  });

  it("names a hidden header for screen readers, and lets a column of buttons wrap instead of cutting it off", () => {
    const withActions: Column<Item>[] = [
      { id: "name", header: "Name", cell: (r) => r.name, className: "font-mono" },
      { id: "actions", header: "Actions", hideHeader: true, wrap: true, cell: (r) => <button type="button">Remove {r.name}</button> },
    ];
    render(<DataTable label="Pods" rows={rows.slice(0, 2)} columns={withActions} rowKey={(r) => String(r.id)} />);
    const header = screen.getByRole("columnheader", { name: "Actions" });
    expect(within(header).getByText("Actions")).toHaveClass("sr-only");
    const [name, actions] = within(screen.getAllByRole("row")[1]).getAllByRole("cell");
    expect(name).toHaveClass("truncate", "font-mono");
    expect(actions).not.toHaveClass("truncate");
    expect(within(actions).getByRole("button", { name: "Remove pod-0000" })).toBeInTheDocument();
  });
});
