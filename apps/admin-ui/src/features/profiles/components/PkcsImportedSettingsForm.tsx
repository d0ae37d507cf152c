import { KEY_STORAGE_PROVIDERS, type KeyStorageProvider, PFX_PURPOSES, PKCS_IMPORTED_CAVEATS, type PfxPurpose, type PkcsImportedSettings } from '@certlab/contracts';

export function defaultPkcsImportedSettings(): PkcsImportedSettings {
  return { intendedPurpose: 'smimeEncryption', keyStorageProvider: 'tpmOrSoftware' };
}

/**
 * Configuration settings of an imported PKCS certificate profile (Intune's "PKCS imported
 * certificate"): the intended purpose picks which of the user's imported certificates devices
 * get. What the method does not do is said next to the settings, not in a help page.
 */
export function PkcsImportedSettingsForm({ value, onChange }: { value: PkcsImportedSettings; onChange: (v: PkcsImportedSettings) => void }) {
  return (
    <div className="row">
      <div className="form-grid">
        <label>
          Intended purpose
          <select className="input" aria-label="Intended purpose" value={value.intendedPurpose} onChange={(e) => onChange({ ...value, intendedPurpose: e.target.value as PfxPurpose })}>
            {(Object.keys(PFX_PURPOSES) as PfxPurpose[]).map((p) => <option key={p} value={p}>{PFX_PURPOSES[p].label}</option>)}
          </select>
          <span className="field__hint">Devices receive every certificate imported for the user with this purpose (certlab pfx import --purpose), expired ones included.</span>
        </label>
        <label>
          Key storage provider (KSP)
          <select className="input" aria-label="Key storage provider" value={value.keyStorageProvider} onChange={(e) => onChange({ ...value, keyStorageProvider: e.target.value as KeyStorageProvider })}>
            {(Object.keys(KEY_STORAGE_PROVIDERS) as KeyStorageProvider[]).map((k) => <option key={k} value={k}>{KEY_STORAGE_PROVIDERS[k].label}</option>)}
          </select>
          <span className="field__hint">The key is imported marked non-exportable.</span>
        </label>
      </div>
      <aside className="panel" aria-label="What this method does not do">
        <h3 className="panel__title">What imported PKCS does not do</h3>
        <ul>
          {PKCS_IMPORTED_CAVEATS.map((c) => <li key={c}>{c}</li>)}
        </ul>
        <p className="muted">The PFX password is encrypted on-prem to a PFX connector certificate; the cloud stores and forwards only envelopes, and each device receives it re-encrypted to its own key.</p>
      </aside>
    </div>
  );
}
