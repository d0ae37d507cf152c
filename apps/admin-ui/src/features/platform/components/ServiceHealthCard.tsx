import { StatusBadge } from '../../../components/StatusBadge';
import { DATABASE_DRIVERS, DATABASE_STATUS, SERVICE_STATUS, serviceStatus, type ServiceHealth } from '../service-status';

export function ServiceHealthCard({ service }: { service: ServiceHealth }) {
  const status = SERVICE_STATUS[serviceStatus(service)];
  const { health } = service;
  const headingId = `service-${service.name.replace(/[^a-z0-9-]/gi, '-')}`;
  return (
    <article className={`card service-card service-card--${status.tone}`} aria-labelledby={headingId}>
      <div className="service-card__header">
        <h3 id={headingId} className="service-card__name">
          {service.name}
        </h3>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
      </div>
      <p className="service-card__url">
        <code>{service.url}</code>
      </p>
      <dl className="facts">
        {health ? (
          <>
            <div>
              <dt>Database</dt>
              <dd>
                {DATABASE_DRIVERS[health.database.driver]}{' '}
                <StatusBadge tone={DATABASE_STATUS[health.database.status].tone}>
                  {DATABASE_STATUS[health.database.status].label}
                </StatusBadge>
              </dd>
            </div>
            {health.database.latencyMs !== undefined ? (
              <div>
                <dt>Database latency</dt>
                <dd>{Math.round(health.database.latencyMs)} ms</dd>
              </div>
            ) : null}
            <div>
              <dt>Version</dt>
              <dd>{health.version}</dd>
            </div>
            <div>
              <dt>Up for</dt>
              <dd>{formatUptime(health.uptimeSeconds)}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>Database</dt>
            <dd>Unknown — the service did not report its health</dd>
          </div>
        )}
      </dl>
      {health?.database.error ? <p className="service-card__error">Database: {health.database.error}</p> : null}
      {service.error ? <p className="service-card__error">{service.error}</p> : null}
    </article>
  );
}

export function formatUptime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${s} s`;
}
