import { useState } from 'react';
import { PageHeader } from '../../../components/PageHeader';
import '../ca.css';
import { CertificatesPanel } from './CertificatesPanel';
import { HierarchyPanel } from './HierarchyPanel';
import { IdentitiesPanel } from './IdentitiesPanel';
import { RequestsPanel } from './RequestsPanel';
import { TemplatesTable } from './TemplatesTable';

const TABS = [
  { id: 'hierarchy', label: 'Hierarchy and CRLs' },
  { id: 'templates', label: 'Templates' },
  { id: 'requests', label: 'Requests' },
  { id: 'issued', label: 'Issued certificates' },
  { id: 'revoked', label: 'Revoked certificates' },
  { id: 'identities', label: 'On-prem identities' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The CA as the admin center shows it: hierarchy, templates, the request database and revocation. */
export function CertificateAuthoritiesPage() {
  const [tab, setTab] = useState<TabId>('hierarchy');
  // Bumped after every change so every view reads again (the CRL number moves with a revocation).
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <>
      <PageHeader title="Certificate authorities" description="The enterprise issuing CA and its offline root: templates, requests, revocation and CRL publishing." />
      <div role="tablist" aria-label="Certificate authority views" className="ca-tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" id={`ca-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`ca-panel-${t.id}`} className="ca-tab" onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`ca-panel-${tab}`} aria-labelledby={`ca-tab-${tab}`} className="panel">
        {tab === 'hierarchy' ? <HierarchyPanel version={version} /> : null}
        {tab === 'templates' ? <TemplatesTable /> : null}
        {tab === 'requests' ? <RequestsPanel version={version} onChanged={changed} /> : null}
        {tab === 'issued' ? <CertificatesPanel key="issued" initialStatus="issued" version={version} onChanged={changed} /> : null}
        {tab === 'revoked' ? <CertificatesPanel key="revoked" initialStatus="revoked" version={version} onChanged={changed} /> : null}
        {tab === 'identities' ? <IdentitiesPanel version={version} onChanged={changed} /> : null}
      </section>
    </>
  );
}
