import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { fakeFetch, renderWithProviders } from "@/test/render";
import type { Role } from "@/types/api";
import { RoleDialog, formatRules, parseRules } from "./role-dialogs";

const deployer: Role = {
  id: "r1",
  name: "deployer",
  description: "Ships apps",
  builtin: false,
  rules: [
    { verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "pods/log"] },
    { verbs: ["scale"], apiGroups: ["apps"], resources: ["deployments"] },
  ],
  createdAt: "2026-11-01T00:00:00Z",
  updatedAt: "2026-11-01T00:00:00Z",
};

describe("role rules as text", () => {
  it("formats rules so that parsing gives them back, core group included", () => {
    const text = formatRules(deployer.rules);
    expect(text).toBe('get, list | "" | pods, pods/log\nscale | apps | deployments');
    expect(parseRules(text)).toEqual({ rules: deployer.rules, error: null });
  });

  it("reads one rule a line, with loose commas and a trailing newline", () => {
    expect(parseRules('get,list | "" | pods, pods/log\nscale | apps | deployments\n')).toEqual({ rules: deployer.rules, error: null });
  });

  it("names the line that is not verbs | groups | resources, and wants at least one rule", () => {
    expect(parseRules("get | apps | deployments\nscale deployments").error).toBe("Line 2: write verbs | API groups | resources.");
    expect(parseRules("  \n").error).toBe("Add at least one rule.");
  });
});

describe("RoleDialog", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("edits a role: prefilled, and saved with PUT replacing its rules", async () => {
    const fake = fakeFetch([{ method: "PUT", path: "/api/rbac/roles/r1", body: deployer }]);
    vi.stubGlobal("fetch", fake.fn);
    const onClose = vi.fn();
    renderWithProviders(<RoleDialog role={deployer} onClose={onClose} />);

    expect(screen.getByRole("dialog", { name: "Edit role deployer" })).toBeInTheDocument();
    const rules = screen.getByLabelText("Rules");
    expect(rules).toHaveValue('get, list | "" | pods, pods/log\nscale | apps | deployments');
    await userEvent.clear(rules);
    await userEvent.type(rules, "get, list | * | *");
    await userEvent.click(screen.getByRole("button", { name: "Save role" }));

    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
    const put = fake.calls.find((c) => c.method === "PUT");
    expect(put?.body).toEqual({ name: "deployer", description: "Ships apps", rules: [{ verbs: ["get", "list"], apiGroups: ["*"], resources: ["*"] }] });
  });

  it("shows the server's refusal and stays open", async () => {
    const message = "rules[0].verbs[0]: 'destroy' is not a verb; use one of get, list, watch, create, update, patch, delete, scale, restart, logs, or *.";
    vi.stubGlobal("fetch", fakeFetch([{ method: "PUT", path: "/api/rbac/roles/r1", status: 400, body: { error: { code: "invalid_request", message } } }]).fn);
    const onClose = vi.fn();
    renderWithProviders(<RoleDialog role={deployer} onClose={onClose} />);

    await userEvent.clear(screen.getByLabelText("Rules"));
    await userEvent.type(screen.getByLabelText("Rules"), "destroy | apps | deployments");
    await userEvent.click(screen.getByRole("button", { name: "Save role" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("'destroy' is not a verb");
    expect(onClose).not.toHaveBeenCalled();
  });
});
