import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Spinner } from '../../../components/Spinner';
import { StatusBadge } from '../../../components/StatusBadge';
import { PLATFORM_HEALTH_REFRESH_MS, usePlatformHealth } from '../api/get-platform-health';
import { SERVICE_STATUS, serviceStatus } from '../service-status';
import { ServiceHealthCard } from './ServiceHealthCard';

/** Home's "Platform health": one card per certlab service, refreshed every 10 seconds. */
export function PlatformHealthPanel() {
  const health = usePlatformHealth();
  const headingId = 'platform-health-heading';

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel__header">
        <div>
          <h2 id={headingId} className="panel__title">
            Platform health
          </h2>
          <p className="panel__subtitle">
            Every certlab service as the cloud sees it. Refreshes every {PLATFORM_HEALTH_REFRESH_MS / 1000} seconds.
          </p>
        </div>
        <div className="panel__actions">
          {health.updatedAt ? (
            <span className="muted">Updated {new Date(health.updatedAt).toLocaleTimeString()}</span>
          ) : null}
          <button type="button" className="button button--subtle" onClick={health.refetch} disabled={health.isFetching}>
            <Icon name="refresh" size={18} />
            Refresh
          </button>
        </div>
      </div>

      {health.status === 'pending' ? <Spinner label="Asking the cloud…" /> : null}
      {health.status === 'error' ? <ErrorMessage error={health.error} /> : null}
      {health.status === 'success' ? (
        <>
          {health.error ? (
            <ErrorMessage className="message--inline" error={health.error} />
          ) : null}
          <Summary services={health.data.services} />
          {health.data.services.length === 0 ? (
            <p className="muted">The cloud reports no services.</p>
          ) : (
            <div className="card-grid">
              {health.data.services.map((service) => (
                <ServiceHealthCard key={service.name} service={service} />
              ))}
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function Summary({ services }: { services: Parameters<typeof serviceStatus>[0][] }) {
  const counts = { healthy: 0, degraded: 0, unreachable: 0 };
  for (const service of services) counts[serviceStatus(service)] += 1;
  const entries = (Object.keys(SERVICE_STATUS) as (keyof typeof SERVICE_STATUS)[]).filter((key) => counts[key] > 0);
  if (entries.length === 0) return null;
  return (
    <p className="health-summary">
      {entries.map((key) => (
        <StatusBadge key={key} tone={SERVICE_STATUS[key].tone}>
          {counts[key]} {SERVICE_STATUS[key].label.toLowerCase()}
        </StatusBadge>
      ))}
    </p>
  );
}
