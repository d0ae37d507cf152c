import { thumbprint } from '../lib/format';
import { CopyButton } from './CopyButton';

/**
 * A certificate thumbprint that fits a table cell: the first bytes in Windows' `AB:CD:…` form, the
 * whole value in a tooltip, and a button that copies it (to paste into certutil or openssl).
 */
export function Thumbprint({ value, label = 'thumbprint' }: { value: string; label?: string }) {
  const full = thumbprint(value, true);
  return (
    <span className="thumbprint">
      <code className="thumbprint__value" title={full}>
        {thumbprint(value)}
      </code>
      <CopyButton value={value.toUpperCase()} label="Copy" ariaLabel={`Copy ${label}`} small />
    </span>
  );
}
