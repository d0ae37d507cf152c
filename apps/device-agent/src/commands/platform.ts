import { probeHealth } from '@certlab/contracts';
import { Command } from 'commander';
import { renderTable } from '../output/table';

const DEFAULT_URLS = {
  'mdm-cloud': process.env.CERTLAB_CLOUD_URL ?? 'http://127.0.0.1:3000',
  connector: process.env.CERTLAB_CONNECTOR_URL ?? 'http://127.0.0.1:3100',
  ca: process.env.CERTLAB_CA_URL ?? 'http://127.0.0.1:3200',
};

export function platformCommand(): Command {
  const platform = new Command('platform').description('Check the certlab services.');
  platform
    .command('health')
    .description('Ask every service for its health and its database status. Exits 1 unless all are healthy.')
    .option('--cloud <url>', 'MDM cloud admin URL', DEFAULT_URLS['mdm-cloud'])
    .option('--connector <url>', 'connector URL', DEFAULT_URLS.connector)
    .option('--ca <url>', 'CA URL', DEFAULT_URLS.ca)
    .option('--json', 'print the reports as JSON')
    .action(async (opts: { cloud: string; connector: string; ca: string; json?: boolean }) => {
      const probes = await Promise.all([
        probeHealth('mdm-cloud', opts.cloud),
        probeHealth('connector', opts.connector),
        probeHealth('ca', opts.ca),
      ]);
      if (opts.json) process.stdout.write(`${JSON.stringify(probes, null, 2)}\n`);
      else {
        process.stdout.write(
          renderTable(
            ['service', 'url', 'status', 'database', 'version'],
            probes.map((p) => [
              p.name,
              p.url,
              p.health ? (p.health.status === 'ok' ? 'healthy' : 'degraded') : `unreachable (${p.error})`,
              p.health ? `${p.health.database.driver} ${p.health.database.status}` : '-',
              p.health?.version ?? '-',
            ]),
          ),
        );
      }
      if (!probes.every((p) => p.health?.status === 'ok')) process.exitCode = 1;
    });
  return platform;
}
