import type { CertificateSummary, Profile } from '@certlab/contracts';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, json, mockApi, problem } from '../../../testing/api-mock';
import { aUser } from '../../../testing/data';
import { renderApp } from '../../../testing/render-app';

const ROOT: CertificateSummary = {
  subject: 'CN=Contoso Root CA, O=Contoso',
  issuer: 'CN=Contoso Root CA, O=Contoso',
  serialNumber: '01',
  notBefore: '2026-01-01T00:00:00.000Z',
  notAfter: '2036-01-01T00:00:00.000Z',
  thumbprintSha1: 'AA'.repeat(20),
  thumbprintSha256: 'BB'.repeat(32),
  selfSigned: true,
  pathLength: null,
  keyAlgorithm: 'RSA 2048',
};
const GROUPS = {
  items: [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Engineering', description: null, memberCount: 3, createdAt: '2026-01-01T00:00:00.000Z' },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Contractors', description: null, memberCount: 1, createdAt: '2026-01-01T00:00:00.000Z' },
  ],
  total: 2,
  page: 1,
  pageSize: 200,
};
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function profile(body: { name: string; assignments: { groupId: string; mode: 'include' | 'exclude' }[] }): Profile {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    name: body.name,
    description: null,
    type: 'trustedRoot',
    platforms: ['windows'],
    version: 1,
    assignments: body.assignments.map((a) => ({ ...a, groupName: GROUPS.items.find((g) => g.id === a.groupId)!.name })),
    deviceStatus: { pending: 0, succeeded: 0, failed: 0, removed: 0 },
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'adele',
    modifiedAt: '2026-01-01T00:00:00.000Z',
    modifiedBy: 'adele',
    settings: { source: { kind: 'upload', fileName: 'root.pem' }, certificate: ROOT },
  };
}

function api(inspect: () => Response) {
  let created: Profile | undefined;
  const empty = () => json(200, { items: [], total: 0, page: 1, pageSize: 25 });
  return mockApi({
    'GET /api/auth/me': () => json(200, { user: aUser() }),
    'GET /api/directory/groups': () => json(200, GROUPS),
    'GET /api/profiles/ca-certificates': () => json(200, { items: [] }),
    'POST /api/profiles/trusted-root/inspect': inspect,
    'POST /api/profiles': ({ body }) => {
      created = profile(body as Parameters<typeof profile>[0]);
      return json(201, created);
    },
    'GET /api/profiles/33333333-3333-4333-8333-333333333333': () => json(200, created),
    'GET /api/profiles/33333333-3333-4333-8333-333333333333/device-status': empty,
  });
}

describe('create profile wizard', () => {
  it('walks Basics → Configuration settings → Assignments → Review + create and creates the trusted-root profile', async () => {
    const fetchMock = api(() => json(200, ROOT));
    const { user, router } = renderApp('/profiles/new');

    await user.type(await screen.findByLabelText('Name'), 'Contoso Root');
    await user.click(screen.getByLabelText('Android Enterprise'));
    await user.click(screen.getByRole('button', { name: 'Next' }));

    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    await user.upload(screen.getByLabelText(/Root or intermediate CA certificate/), new File([PEM], 'root.pem', { type: 'application/x-pem-file' }));
    expect(await screen.findAllByText('CN=Contoso Root CA, O=Contoso')).not.toHaveLength(0);
    const [inspected] = callsTo(fetchMock, 'POST /api/profiles/trusted-root/inspect');
    expect(JSON.parse(String(inspected![1]!.body))).toEqual({ settings: { kind: 'upload', certificate: btoa(PEM), fileName: 'root.pem' } });
    await user.click(screen.getByRole('button', { name: 'Next' }));

    await user.selectOptions(await screen.findByLabelText('Assignment of Engineering'), 'include');
    await user.selectOptions(screen.getByLabelText('Assignment of Contractors'), 'exclude');
    await user.click(screen.getByRole('button', { name: 'Next' }));

    const review = screen.getByLabelText('Basics');
    expect(within(review).getByText('Contoso Root')).toBeTruthy();
    expect(within(review).getByText('iOS/iPadOS, macOS, Windows')).toBeTruthy();
    expect(within(review).getByText('Engineering')).toBeTruthy();
    expect(within(review).getByText('Contractors')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create' }));

    await screen.findByRole('heading', { level: 1, name: 'Contoso Root' });
    const [create] = callsTo(fetchMock, 'POST /api/profiles');
    expect(JSON.parse(String(create![1]!.body))).toEqual({
      name: 'Contoso Root',
      type: 'trustedRoot',
      platforms: ['ios', 'macos', 'windows'],
      settings: { kind: 'upload', certificate: btoa(PEM), fileName: 'root.pem' },
      assignments: [
        { groupId: GROUPS.items[0]!.id, mode: 'include' },
        { groupId: GROUPS.items[1]!.id, mode: 'exclude' },
      ],
    });
    expect(router.state.location.pathname).toBe('/profiles/33333333-3333-4333-8333-333333333333');
  });

  it('shows why a certificate is refused and does not let the admin go on', async () => {
    api(() => problem(400, 'The certificate is not a CA certificate', '"CN=www.contoso.test" is an end-entity certificate (it has no basicConstraints extension).'));
    const { user } = renderApp('/profiles/new');

    await user.type(await screen.findByLabelText('Name'), 'Leaf');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.upload(screen.getByLabelText(/Root or intermediate CA certificate/), new File([PEM], 'leaf.pem'));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The certificate is not a CA certificate');
    expect(alert.textContent).toContain('end-entity certificate');
    expect(screen.getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
  });

  it('offers only the types that can be created yet', async () => {
    api(() => json(200, ROOT));
    renderApp('/profiles/new');
    const type = await screen.findByLabelText('Profile type');
    const options = within(type).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => [o.textContent, o.disabled])).toEqual([
      ['Trusted certificate', false],
      ['SCEP certificate', false],
      ['PKCS certificate', false],
      ['PKCS imported certificate', false],
    ]);
  });
});
