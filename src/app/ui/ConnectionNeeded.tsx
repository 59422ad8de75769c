import type { ReactNode } from 'react';
import { Link } from 'wouter';

/** A screen that needs the school server says why it cannot open and links to the connection settings. */
export function ConnectionNeeded({ children, settingsLabel }: { children: ReactNode; settingsLabel: string }) {
  return (
    <div className="panel" role="status">
      <p>{children}</p>
      <Link to="/cai-dat#dong-bo" className="button button--secondary">
        {settingsLabel}
      </Link>
    </div>
  );
}
