import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callsTo, json, mockApi, problem } from '../../../testing/api-mock';
import { aHealth, aService } from '../../../testing/data';
import { PlatformHealthPanel } from './PlatformHealthPanel';

const services = [
  aService(),
  aService({
    name: 'connector',
    url: 'http://localhost:3100',
    health: aHealth({ service: 'connector', status: 'degraded', database: { status: 'down', driver: 'postgres', error: 'connection refused' } }),
  }),
  aService({ name: 'ca', url: 'http://localhost:3200', reachable: false, health: undefined, error: 'connect ECONNREFUSED' }),
];

function card(name: string) {
  return screen.getByRole('article', { name });
}

describe('PlatformHealthPanel', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows a card per service with its URL, a worded status badge and its database', async () => {
    mockApi({ 'GET /api/platform/health': () => json(200, { services }) });

    render(<PlatformHealthPanel />);

    const cloud = await screen.findByRole('article', { name: 'mdm-cloud' });
    expect(within(cloud).getByText('http://localhost:3000')).toBeTruthy();
    expect(within(cloud).getByText('Healthy').classList).toContain('status-badge--success');
    expect(within(cloud).getByText(/PGlite/)).toBeTruthy();
    expect(within(cloud).getByText('Up').classList).toContain('status-badge--success');

    const connector = card('connector');
    expect(within(connector).getByText('Degraded').classList).toContain('status-badge--warning');
    expect(within(connector).getByText(/PostgreSQL/)).toBeTruthy();
    expect(within(connector).getByText('Down').classList).toContain('status-badge--danger');

    const ca = card('ca');
    expect(within(ca).getByText('Unreachable').classList).toContain('status-badge--danger');
    expect(within(ca).getByText('connect ECONNREFUSED')).toBeTruthy();
  });

  it('asks the cloud again every 10 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const fetchMock = mockApi({ 'GET /api/platform/health': () => json(200, { services }) });

    render(<PlatformHealthPanel />);
    await screen.findByRole('article', { name: 'mdm-cloud' });
    expect(callsTo(fetchMock, 'GET /api/platform/health')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(10_000);

    await waitFor(() => expect(callsTo(fetchMock, 'GET /api/platform/health')).toHaveLength(2));
  });

  it('shows the problem when the cloud refuses the request', async () => {
    mockApi({ 'GET /api/platform/health': () => problem(503, 'Service Unavailable') });

    render(<PlatformHealthPanel />);

    expect((await screen.findByRole('alert')).textContent).toContain('Service Unavailable');
  });
});
