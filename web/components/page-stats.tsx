// A page's views for its owner: whether it is still shown (expiry, views left), the totals, a bar per day for
// the last 30 days (each bar's numbers are in its text for screen readers), and which allowed address opened
// an e-mail-gated page and when.
import { useEffect, useState } from 'preact/hooks';
import { api, call, isApiError, type Schemas } from '../api.ts';
import { formatDateTime, plural } from '../format.ts';
import { announce } from './status.tsx';
import '../styles/page-stats.css';

type Stats = Schemas['PageStats'];

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Read again whenever `page` is a new object (loaded, or saved with new settings). */
export function PageStats({ page }: { page: { id: string } }) {
  const pageId = page.id;
  const [stats, setStats] = useState<Stats | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const load = async (announced: boolean) => {
    setBusy(true);
    try {
      const next = await call(api.GET('/api/pages/{page_id}/stats', { params: { path: { page_id: pageId } } }));
      setStats(next);
      setError(undefined);
      if (announced) announce(`Views updated: ${plural(next.total_views, 'view')} in all.`);
    } catch (e) {
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => void load(false), [page]);

  return (
    <section class="card page-stats" aria-labelledby="stats-title" aria-busy={busy || undefined}>
      <div class="stats-head">
        <h2 id="stats-title">Views</h2>
        <button type="button" class="button" onClick={() => void load(true)} disabled={busy}>
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && (
        <p role="alert" class="form-error">
          {error}
        </p>
      )}
      {stats ? <StatsBody stats={stats} /> : !error && <p class="muted">Loading…</p>}
    </section>
  );
}

function StatsBody({ stats }: { stats: Stats }) {
  const peak = Math.max(1, ...stats.days.map((d) => d.views));
  return (
    <>
      <Availability stats={stats} />
      <dl class="stats-totals">
        <div>
          <dt>All time</dt>
          <dd>{stats.total_views}</dd>
        </div>
        <div>
          <dt>Last 30 days</dt>
          <dd>{stats.views_last_30_days}</dd>
        </div>
        <div>
          <dt>Visitors, 30 days</dt>
          <dd>
            <span aria-hidden="true">≈ </span>
            <span class="visually-hidden">about </span>
            {stats.unique_visitors_last_30_days}
          </dd>
        </div>
      </dl>
      <h3 id="stats-days-title">Views per day</h3>
      <ol class="stats-days" aria-labelledby="stats-days-title">
        {stats.days.map((day) => (
          <li key={day.date} title={`${dayLabel.format(new Date(day.date))}: ${plural(day.views, 'view')}, about ${plural(day.unique_visitors, 'visitor')}`}>
            <span class="bar" style={{ height: `${(day.views / peak) * 100}%` }} aria-hidden="true" />
            <span class="visually-hidden">
              {dayLabel.format(new Date(day.date))}: {plural(day.views, 'view')}, about {plural(day.unique_visitors, 'visitor')}
            </span>
          </li>
        ))}
      </ol>
      <p class="stats-axis muted" aria-hidden="true">
        <span>{dayLabel.format(new Date(stats.days[0].date))}</span>
        <span>{dayLabel.format(new Date(stats.days[stats.days.length - 1].date))}</span>
      </p>
      <p class="muted">Counts views of the page itself by visitors, not your preview link or its images and styles. New views show within a few seconds.</p>
      {stats.email_opens.length > 0 && <EmailOpens opens={stats.email_opens} />}
    </>
  );
}

function Availability({ stats }: { stats: Stats }) {
  const parts: string[] = [];
  if (stats.expires_at)
    parts.push(`${stats.status === 'expired' && Date.parse(stats.expires_at) <= Date.now() ? 'Expired' : 'Expires'} ${formatDateTime(stats.expires_at)}`);
  if (stats.max_views !== null) parts.push(`${plural(stats.views_left ?? 0, 'view')} left of ${stats.max_views}`);
  return (
    <p class={`availability ${stats.status}`}>
      <strong>{stats.status === 'expired' ? 'Expired: its link answers “gone”.' : 'Live.'}</strong> {parts.join(' · ')}
    </p>
  );
}

function EmailOpens({ opens }: { opens: Stats['email_opens'] }) {
  return (
    <div class="table-scroll">
      <table class="table email-opens">
        <caption>Opened through an e-mailed link</caption>
        <thead>
          <tr>
            <th scope="col">Address</th>
            <th scope="col">Opens</th>
            <th scope="col">First</th>
            <th scope="col">Latest</th>
          </tr>
        </thead>
        <tbody>
          {opens.map((o) => (
            <tr key={o.email}>
              <th scope="row">{o.email}</th>
              <td>{o.opens}</td>
              <td>{formatDateTime(o.first_opened_at)}</td>
              <td>{formatDateTime(o.last_opened_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
