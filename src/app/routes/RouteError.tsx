import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Shown instead of a screen that failed to render or load (e.g. a chunk missing offline). */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <section className="panel error-panel" role="alert">
      <h1>{t('layout.errorTitle')}</h1>
      <p>{t('layout.errorBody')}</p>
      <p className="actions">
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('layout.reload')}
        </button>
        <a className="button button--secondary" href="/">
          {t('layout.backHome')}
        </a>
      </p>
    </section>
  );
}

interface State {
  error: unknown;
}

interface Props {
  children: ReactNode;
  /** The address: leaving the broken screen tries again. */
  resetKey?: string;
}

/** Catches a failing screen and shows RouteError in its place. */
export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error ?? new Error('Unknown error') };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    return this.state.error ? <RouteError /> : this.props.children;
  }
}
