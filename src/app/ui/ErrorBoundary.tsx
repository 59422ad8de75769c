import { Component, type ReactNode } from 'react';
import i18next from 'i18next';

interface State {
  failed: boolean;
}

/**
 * Last line of defence outside the router (e.g. the app chunk failing to load). Screens have their own
 * route error boundary that keeps the navigation.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main id="main" className="page--narrow">
        <section className="panel error-panel" role="alert">
          <h1>{i18next.t('layout.errorTitle')}</h1>
          <p>{i18next.t('layout.errorBody')}</p>
          <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
            {i18next.t('layout.reload')}
          </button>
        </section>
      </main>
    );
  }
}
