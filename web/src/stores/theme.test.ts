import { describe, expect, it } from "vitest";
import { useThemeStore } from "./theme";

describe("theme store", () => {
  it("toggles between light and dark, marks <html> and remembers the choice", () => {
    useThemeStore.getState().setTheme("light");
    expect(document.documentElement.classList.contains("dark")).toBe(false);
    useThemeStore.getState().toggle();
    expect(useThemeStore.getState().theme).toBe("dark");
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    expect(JSON.parse(localStorage.getItem("pilothouse-theme") ?? "{}").state.theme).toBe("dark");
    useThemeStore.getState().toggle();
    expect(document.documentElement.classList.contains("dark")).toBe(false);
  });
});
