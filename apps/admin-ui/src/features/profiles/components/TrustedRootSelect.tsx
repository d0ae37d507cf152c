import { useProfiles } from '../api/list-profiles';

/** "Root certificate" of the SCEP and PKCS settings: the trusted-certificate profile the certificate chains to. */
export function TrustedRootSelect({ value, onChange }: { value: string; onChange: (profileId: string) => void }) {
  const roots = useProfiles('type=trustedRoot&pageSize=100');
  return (
    <label>
      Root certificate
      <select className="input" aria-label="Root certificate" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Select a trusted certificate profile…</option>
        {roots.data?.items.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </label>
  );
}
