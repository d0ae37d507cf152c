import type { PkcsCertificateType, PkcsWizardOptions } from '@certlab/contracts';

/** The variables a subject name format or SAN may use, with what each becomes; user variables only for user certificates. */
export function TemplateVariables({ variables, certificateType }: { variables: PkcsWizardOptions['variables']; certificateType: PkcsCertificateType }) {
  if (variables.length === 0) return null;
  return (
    <details className="card">
      <summary>Variables ({variables.length}): written as {'{{Name}}'}, case-insensitive</summary>
      <table className="data-table" aria-label="Template variables">
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Of the</th>
            <th scope="col">Becomes</th>
          </tr>
        </thead>
        <tbody>
          {variables.map((v) => (
            <tr key={v.name} className={v.entity === 'user' && certificateType === 'device' ? 'muted' : undefined}>
              <td className="mono">{`{{${v.name}}}`}</td>
              <td>{v.entity}</td>
              <td>
                {v.description}
                {v.entity === 'user' && certificateType === 'device' ? ' — not for device certificates' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
