import type { BadgeTone } from './StatusBadge';

export interface DonutSlice {
  label: string;
  value: number;
  tone: BadgeTone;
}

const COLORS: Record<BadgeTone, string> = {
  success: 'var(--color-success)',
  danger: 'var(--color-danger)',
  info: 'var(--color-accent)',
  warning: 'var(--color-warning-mark)',
  neutral: 'var(--color-text-muted)',
};

/**
 * A small ring chart of statuses with its legend: the words and numbers are always there, so
 * the chart adds a glance and takes nothing from someone who cannot see colour.
 */
export function StatusDonut({ title, slices, size = 96 }: { title: string; slices: DonutSlice[]; size?: number }) {
  const total = slices.reduce((n, s) => n + s.value, 0);
  const r = 15.9155; // circumference 100: slice lengths are percentages
  let offset = 25;
  return (
    <figure className="donut" aria-label={title}>
      <svg width={size} height={size} viewBox="0 0 42 42" role="img" aria-label={`${title}: ${slices.map((s) => `${s.value} ${s.label}`).join(', ')}`}>
        <circle cx="21" cy="21" r={r} fill="none" stroke="var(--color-border)" strokeWidth="5" />
        {total > 0
          ? slices
              .filter((s) => s.value > 0)
              .map((s) => {
                const pct = (s.value / total) * 100;
                const el = (
                  <circle key={s.label} cx="21" cy="21" r={r} fill="none" stroke={COLORS[s.tone]} strokeWidth="5" strokeDasharray={`${pct} ${100 - pct}`} strokeDashoffset={offset} />
                );
                offset -= pct;
                return el;
              })
          : null}
        <text x="21" y="23.5" textAnchor="middle" className="donut__total">
          {total}
        </text>
      </svg>
      <figcaption>
        <ul className="donut__legend">
          {slices.map((s) => (
            <li key={s.label}>
              <span className="donut__swatch" style={{ background: COLORS[s.tone] }} aria-hidden="true" />
              {s.label} <strong>{s.value}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
