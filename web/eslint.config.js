import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import fs from "node:fs";

// Features do not import each other: what two of them share lives in src/components, src/lib or
// src/stores (DESIGN.md). One zone per folder under src/features, so a new feature is covered too.
const features = fs
  .readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const featureZone = (feature) => ({
  files: [`src/features/${feature}/**`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["@/app/*", "@/app/**"], message: "Features must not import the app shell." },
          {
            group: ["@/features/*", "@/features/**", `!@/features/${feature}`, `!@/features/${feature}/**`],
            message: `Features do not import each other: move what ${feature} shares with another feature to src/components, src/lib or src/stores.`,
          },
          // Relative paths would get around the rule above: within a feature, "./" and "../" only.
          { group: ["../../*", "../../**"], message: "Use an @/ import for code outside this folder's parent." },
        ],
      },
    ],
  },
});

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
  ...features.map(featureZone),
  {
    files: ["e2e/**/*.mjs", "scripts/**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
