import { PKCS_REQUEST_STATES, PKCS_STEPS, type PkcsRequestDetail, type PkcsStep } from '@certlab/contracts';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime } from '../../../lib/format';

type Mark = 'done' | 'current' | 'failed' | 'todo';

/** The seed's ten steps with where this request got to, then every event of its history in order. */
export function StepTimeline({ request }: { request: PkcsRequestDetail }) {
  const reached = request.state === 'delivered' ? 10 : request.step;
  const mark = (step: number): Mark => {
    if (request.state === 'failed' && step === (request.failedStep ?? request.step)) return 'failed';
    if (step < reached || request.state === 'delivered' || ((request.state === 'issued' || request.state === 'revoked') && step <= reached)) return 'done';
    if (step === reached && request.state !== 'cancelled') return 'current';
    return 'todo';
  };
  const events = (step: number) => request.history.filter((e) => e.step === step);
  return (
    <div className="stack">
      <ol className="pkcs-steps" aria-label="The ten PKCS steps">
        {(Object.keys(PKCS_STEPS) as unknown as PkcsStep[]).map((k) => {
          const step = Number(k);
          const m = mark(step);
          return (
            <li key={step} className={`pkcs-steps__step pkcs-steps__step--${m}`}>
              <span className="pkcs-steps__number" aria-hidden="true">{m === 'done' ? '✓' : m === 'failed' ? '✕' : step}</span>
              <span>
                <strong>
                  {step}. {PKCS_STEPS[step as PkcsStep]}
                </strong>{' '}
                <span className="visually-hidden">({m})</span>
                {events(step).map((e, i) => (
                  <span key={i} className="pkcs-steps__event muted">
                    {dateTime(e.at)} · {e.actor}: {e.message}
                  </span>
                ))}
              </span>
            </li>
          );
        })}
      </ol>
      <h3 className="panel__subtitle">History</h3>
      <ol className="pkcs-history" aria-label="History">
        {request.history.map((e, i) => (
          <li key={i}>
            <span title={e.at}>{dateTime(e.at)}</span> <StatusBadge tone={PKCS_REQUEST_STATES[e.state].tone}>{PKCS_REQUEST_STATES[e.state].label}</StatusBadge>{' '}
            {e.step ? <span className="muted">step {e.step}</span> : null} <strong>{e.actor}</strong>: {e.message}
          </li>
        ))}
      </ol>
    </div>
  );
}
