/** Keeps one failing panel from blanking the whole page, and says what failed. */
import { Component, type ReactNode } from 'react';

interface Props {
  name: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error): void {
    console.error(`Faultline: the ${this.props.name} panel failed:`, error);
  }

  render(): ReactNode {
    if (this.state.error) {
      return (
        <div className="panel panel-error" role="alert">
          The {this.props.name} panel failed: {this.state.error.message}.{' '}
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}
