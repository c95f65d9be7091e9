import { describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { ErrorBoundary } from "./error-boundary";

function Broken(): never {
  throw new Error("chunk failed to load");
}

describe("ErrorBoundary", () => {
  it("shows what failed and offers a reload instead of a blank page, and recovers on navigation", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const { rerender } = render(
      <ErrorBoundary resetKey="/a">
        <Broken />
      </ErrorBoundary>,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("chunk failed to load");
    expect(screen.getByRole("button", { name: "Reload" })).toBeInTheDocument();
    rerender(
      <ErrorBoundary resetKey="/b">
        <p>next page</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText("next page")).toBeInTheDocument();
    vi.restoreAllMocks();
  });
});
