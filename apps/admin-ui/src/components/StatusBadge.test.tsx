import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BADGE_TONES, StatusBadge, type BadgeTone } from './StatusBadge';

describe('StatusBadge', () => {
  it.each(Object.keys(BADGE_TONES) as BadgeTone[])('renders the word and the %s colour class', (tone) => {
    render(<StatusBadge tone={tone}>Word for {tone}</StatusBadge>);

    const badge = screen.getByText(`Word for ${tone}`);
    expect(badge.classList).toContain('status-badge');
    expect(badge.classList).toContain(`status-badge--${tone}`);
  });

  it('hides its symbol from screen readers so only the word is read', () => {
    render(<StatusBadge tone="danger">Unreachable</StatusBadge>);

    const badge = screen.getByText('Unreachable');
    expect(badge.querySelector('[aria-hidden="true"]')?.textContent).toBe(BADGE_TONES.danger.symbol);
  });
});
