import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button } from "./button";

interface State {
  error: Error | null;
}

/**
 * Catches a page that fails to render (or whose code failed to load, e.g. after an upgrade) and
 * offers a reload instead of a blank screen. `resetKey` clears the error on navigation.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("page failed to render", error, info.componentStack);
  }

  componentDidUpdate(previous: { resetKey?: string }) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="m-6 max-w-xl space-y-2 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200"
      >
        <p className="font-medium">This page could not be shown.</p>
        <p className="font-mono text-xs">{this.state.error.message}</p>
        <Button size="sm" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    );
  }
}
