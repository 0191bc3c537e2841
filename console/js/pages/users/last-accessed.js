// @ts-check
import { h, render, when } from '../../dom.js';
import { aws } from '../../session.js';
import { list } from '../../aws/xml.js';

/**
 * The access advisor, as AWS's "Last accessed" tab: GenerateServiceLastAccessedDetails for the
 * principal (iam:GenerateServiceLastAccessedDetails), then GetServiceLastAccessedDetails with its
 * job id until the job is COMPLETED (keysmith's finish at once; AWS's may take a few seconds),
 * every page (MaxItems 1000 and the markers): each service the principal's policies allow, when
 * it was last used, by which entity and in which region — services never used last.
 * @param {HTMLElement} panel
 * @param {string} arn  the user's (or group's, role's) ARN
 */
export async function lastAccessedTab(panel, arn) {
  const job = await aws.query('iam', 'GenerateServiceLastAccessedDetails', { Arn: arn });
  const jobId = String(job.JobId);
  /** @type {any[]} */
  let services = [];
  /** @type {any} */
  let out;
  for (let attempt = 0; attempt < 30; attempt++) {
    services = [];
    /** @type {string | undefined} */
    let marker;
    do {
      out = await aws.query('iam', 'GetServiceLastAccessedDetails', { JobId: jobId, MaxItems: 1000, Marker: marker });
      services.push(...list(out.ServicesLastAccessed));
      marker = String(out.IsTruncated) === 'true' && out.Marker ? String(out.Marker) : undefined;
    } while (marker);
    if (out.JobStatus !== 'IN_PROGRESS') break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  if (out.JobStatus === 'FAILED') {
    render(panel, h('div.notice.error', { role: 'alert' }, `The report failed: ${out.Error?.Code ?? ''} ${out.Error?.Message ?? ''}`));
    return;
  }
  const used = (/** @type {any} */ s) => (s.LastAuthenticated ? Date.parse(String(s.LastAuthenticated)) : 0);
  services.sort((a, b) => used(b) - used(a) || String(a.ServiceName).localeCompare(String(b.ServiceName)));
  const usedCount = services.filter((s) => s.LastAuthenticated).length;
  render(
    panel,
    h('h2', null, `Services allowed (${services.length}), ${usedCount} used`),
    h(
      'p.hint',
      null,
      `The services the user’s policies (its own and its groups’) allow, and when it last used each (the access advisor; report of ${when(
        out.JobCompletionDate,
      )}). A service never used may be one to remove from its policies.`,
    ),
    services.length === 0
      ? h('p', null, 'The user’s policies allow no service.')
      : h(
          'div.table-scroll',
          { role: 'region', 'aria-label': 'Services last accessed (scrolls sideways)', tabindex: '0' },
          h(
            'table.stack',
            { 'aria-label': 'Services last accessed' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['Service', 'Namespace', 'Last accessed', 'Region', 'By'].map((t) => h('th', { scope: 'col' }, t)),
              ),
            ),
            h(
              'tbody',
              null,
              services.map((s) =>
                h(
                  'tr',
                  null,
                  h('td', { 'data-label': 'Service' }, String(s.ServiceName)),
                  h('td', { 'data-label': 'Namespace' }, h('code', null, String(s.ServiceNamespace))),
                  h('td', { 'data-label': 'Last accessed' }, s.LastAuthenticated ? when(String(s.LastAuthenticated)) : 'Not accessed'),
                  h('td', { 'data-label': 'Region' }, s.LastAuthenticatedRegion ? String(s.LastAuthenticatedRegion) : '—'),
                  h('td.wrap', { 'data-label': 'By' }, s.LastAuthenticatedEntity ? String(s.LastAuthenticatedEntity) : '—'),
                ),
              ),
            ),
          ),
        ),
  );
}
