import { ROLES, type SessionUser } from '@certlab/contracts';
import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { SECTIONS } from '../../config/sections';
import { Icon } from '../Icon';
import { ProductName } from '../ProductName';

export interface ConsoleLayoutProps {
  user: SessionUser;
  onSignOut: () => void;
  signingOut?: boolean;
  children: ReactNode;
}

/** The frame of every signed-in page: top bar, left navigation, and the page in `main`. */
export function ConsoleLayout({ user, onSignOut, signingOut = false, children }: ConsoleLayoutProps) {
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="topbar">
        <ProductName />
        <div className="topbar__account">
          <span className="avatar" aria-hidden="true">
            {initials(user.displayName)}
          </span>
          <span className="topbar__user">
            <span className="topbar__user-name">{user.displayName}</span>
            <span className="topbar__user-role">{ROLES[user.role].label}</span>
          </span>
          <button type="button" className="button button--subtle" onClick={onSignOut} disabled={signingOut}>
            <Icon name="signOut" size={18} />
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.path}>
              <NavLink
                to={section.path}
                end={section.path === '/'}
                className={({ isActive }) => (isActive ? 'sidenav__link sidenav__link--active' : 'sidenav__link')}
              >
                <Icon name={section.icon} />
                <span>{section.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0][0], parts[parts.length - 1][0]] : [parts[0]?.[0]];
  return letters.join('').toUpperCase() || '?';
}
