// Hand-made SVG charts (no chart library): horizontal bars with their values written out, so the figures are
// readable without the picture (the table of values is what screen readers get).
import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
  alert?: boolean;
}

export function BarChart({ title, bars, unit = '', max }: { title: string; bars: Bar[]; unit?: string; max?: number }) {
  const id = useId();
  const top = max ?? Math.max(1, ...bars.map((b) => b.value));
  const rowH = 26;
  const labelW = 150;
  const width = 460;
  const barW = width - labelW - 70;
  const height = bars.length * rowH + 8;
  return (
    <figure className="chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-labelledby={`${id}-t`} preserveAspectRatio="xMinYMin meet">
        {bars.map((b, i) => {
          const w = Math.max(1, (b.value / top) * barW);
          const y = i * rowH + 4;
          return (
            <g key={b.label}>
              <text x={labelW - 8} y={y + 15} textAnchor="end" className="chart-label">
                {b.label.length > 18 ? `${b.label.slice(0, 17)}…` : b.label}
              </text>
              <rect x={labelW} y={y} width={w} height={rowH - 8} rx={3} className={b.alert ? 'bar bar-alert' : 'bar'} />
              <text x={labelW + w + 6} y={y + 15} className="chart-value">
                {Number.isInteger(b.value) ? b.value : b.value.toFixed(2)}
                {unit}
              </text>
            </g>
          );
        })}
      </svg>
      {/* The figures for screen readers, in a 1 px box: a table itself cannot be made that narrow, and would widen a phone's page. */}
      <div className="sr-only">
        <table>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>
                  {b.value}
                  {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** A share (0..1) as a ring, e.g. deadline compliance. */
export function Ring({ title, value, alert }: { title: string; value: number; alert?: boolean }) {
  const r = 34;
  const c = 2 * Math.PI * r;
  const pct = Math.max(0, Math.min(1, value));
  return (
    <figure className="chart ring">
      <svg viewBox="0 0 90 90" width="90" height="90" role="img" aria-label={`${title}: ${Math.round(pct * 100)}%`}>
        <circle cx="45" cy="45" r={r} className="ring-bg" />
        <circle cx="45" cy="45" r={r} className={alert ? 'ring-fg ring-alert' : 'ring-fg'} strokeDasharray={`${pct * c} ${c}`} transform="rotate(-90 45 45)" />
        <text x="45" y="50" textAnchor="middle" className="ring-text">
          {Math.round(pct * 100)}%
        </text>
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
