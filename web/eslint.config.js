import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

// Shared code (components, lib, hooks, stores, types) must not reach up into features or the
// app shell: imports flow shared → features → app (bulletproof-react).
const upward = {
  patterns: [
    { group: ["@/features/*", "@/features/**"], message: "Shared code must not import from features." },
    { group: ["@/app/*", "@/app/**"], message: "Only the app imports the app shell." },
  ],
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "e2e/artifacts"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/components/**", "src/lib/**", "src/hooks/**", "src/stores/**", "src/types/**"],
    rules: { "no-restricted-imports": ["error", upward] },
  },
  {
    files: ["src/features/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*", "@/app/**"], message: "Features must not import the app shell." }] }] },
  },
  {
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
