import { PLATFORMS, type Platform } from '@certlab/contracts';
import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { ManagedDevice, type CheckInResult, type DeviceStatus, type RunEvent } from '../device';
import { renderTable } from '../output/table';

const DEFAULT_CLOUD = process.env.CERTLAB_DEVICE_URL ?? 'https://127.0.0.1:3443';
const DEFAULT_STATE_DIR = process.env.CERTLAB_DEVICE_DIR ?? '.data/devices/default';

const stateDirOption = () => new Option('--state-dir <dir>', 'the device\'s state directory (identity, keys, trust store)').default(DEFAULT_STATE_DIR).env('CERTLAB_DEVICE_DIR');
const passphraseOption = () => new Option('--passphrase <text>', 'key store passphrase (default: generated into the state directory)').env('CERTLAB_DEVICE_PASSPHRASE');
const print = (text: string): void => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const json = (value: unknown) => print(JSON.stringify(value, null, 2));

export function deviceCommand(): Command {
  const device = new Command('device').description('Be one managed device: enroll it, check in, stay online, show its stores.');

  device
    .command('enroll')
    .description('Enroll a new device with a one-time enrollment token: generate its key, send a CSR, keep the Device Management certificate.')
    .requiredOption('--token <token>', 'the enrollment token an administrator created for the user and platform')
    .addOption(new Option('--platform <platform>', 'the device platform').choices(Object.keys(PLATFORMS)).makeOptionMandatory())
    .requiredOption('--name <name>', 'the device name shown in the console')
    .option('--cloud <url>', 'the cloud\'s device port', DEFAULT_CLOUD)
    .option('--os-version <version>', 'operating system version (default: a current one for the platform)')
    .option('--serial <serial>', 'serial number')
    .option('--imei <imei>', 'IMEI (14 to 16 digits)')
    .option('--ca-file <pem>', 'pin the MDM device CA from the first call (e.g. .data/mdm-cloud/keys/mdm-device-ca.pem); without it the anchor the cloud sends is checked against the server it came from')
    .addOption(stateDirOption())
    .addOption(passphraseOption())
    .option('--json', 'print the enrolled device as JSON')
    .action(async (o: { token: string; platform: Platform; name: string; cloud: string; osVersion?: string; serial?: string; imei?: string; caFile?: string; stateDir: string; passphrase?: string; json?: boolean }) => {
      const managed = await ManagedDevice.enroll({
        stateDir: o.stateDir,
        cloudUrl: o.cloud,
        token: o.token,
        platform: o.platform,
        name: o.name,
        osVersion: o.osVersion,
        serialNumber: o.serial,
        imei: o.imei,
        trustAnchor: o.caFile ? readFileSync(o.caFile, 'utf8') : undefined,
        passphrase: o.passphrase,
      });
      const status = await managed.status();
      if (o.json) return json(status.identity);
      print(`enrolled ${managed.info.name} (${PLATFORMS[managed.info.platform].label}) as device ${managed.id}`);
      print(`Device Management certificate ${status.identity.managementCertificate.subject}, SHA-256 ${status.identity.managementCertificate.thumbprintSha256}`);
      print(`state in ${o.stateDir}`);
    });

  device
    .command('checkin')
    .description('Check in once: fetch the desired state, apply it (install or remove trusted roots), report each change.')
    .addOption(stateDirOption())
    .addOption(passphraseOption())
    .option('--json', 'print the desired state and the reports as JSON')
    .action(async (o: { stateDir: string; passphrase?: string; json?: boolean }) => {
      const managed = await ManagedDevice.open(o.stateDir, o.passphrase);
      const result = await managed.checkIn();
      if (o.json) return json(result);
      print(describeCheckIn(result));
    });

  device
    .command('run')
    .description('Stay online: check in now, on every nudge from the cloud and every check-in interval; reconnect with backoff. Ctrl-C stops.')
    .addOption(stateDirOption())
    .addOption(passphraseOption())
    .option('--json', 'print one JSON object per event (JSON lines)')
    .action(async (o: { stateDir: string; passphrase?: string; json?: boolean }) => {
      const managed = await ManagedDevice.open(o.stateDir, o.passphrase);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (!o.json) print(`${managed.info.name} is online (device ${managed.id}); Ctrl-C to stop`);
      await managed.run(controller.signal, (event) => print(o.json ? JSON.stringify({ at: new Date().toISOString(), ...event }) : describeEvent(event)));
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (!o.json) print('stopped');
    });

  device
    .command('status')
    .description('Show the device: identity, key store, trust store and profile states.')
    .addOption(stateDirOption())
    .addOption(passphraseOption())
    .option('--json', 'print the status as JSON')
    .action(async (o: { stateDir: string; passphrase?: string; json?: boolean }) => {
      const status = await (await ManagedDevice.open(o.stateDir, o.passphrase)).status();
      if (o.json) return json(status);
      print(describeStatus(status));
    });

  return device;
}

function describeCheckIn(result: CheckInResult): string {
  const lines = [`checked in: ${result.response.profiles.length} profile(s) desired`];
  if (result.reported.length === 0) lines.push('nothing changed');
  else lines.push(renderTable(['profile', 'version', 'status', 'detail'], result.reported.map((r) => [r.profileId, String(r.version), r.status, r.message ?? String(r.details?.thumbprintSha256 ?? '')])));
  return lines.join('\n');
}

function describeEvent(event: RunEvent): string {
  switch (event.type) {
    case 'connected':
      return 'connected to the nudge channel';
    case 'nudged':
      return `nudged: ${event.reason}`;
    case 'checkedIn':
      return describeCheckIn(event.result);
    case 'disconnected':
      return `disconnected (${event.error}); retrying in ${Math.round(event.retryInMs / 1000)} s`;
  }
}

function describeStatus(s: DeviceStatus): string {
  const id = s.identity;
  return [
    `${id.name} — ${PLATFORMS[id.platform].label} ${id.osVersion}, device ${id.deviceId} (Entra ${id.entraDeviceId})`,
    `cloud ${id.cloudUrl}; enrolled ${id.enrolledAt}; last check-in ${id.lastCheckInAt ?? 'never'}`,
    `Device Management certificate ${id.managementCertificate.subject}, serial ${id.managementCertificate.serialNumber}, expires ${id.managementCertificate.notAfter}`,
    '',
    'Key store',
    renderTable(['name', 'store', 'key', 'exportable', 'created'], s.keys.map((k) => [k.name, k.store, k.spec.kind === 'rsa' ? `RSA ${k.spec.bits}` : `ECDSA ${k.spec.curve}`, k.exportable ? 'yes' : 'no', new Date(k.createdAt).toISOString()])),
    'Trust store',
    s.trustStore.length === 0
      ? '(empty)\n'
      : renderTable(['subject', 'SHA-256', 'expires', 'profile', 'version'], s.trustStore.map((t) => [t.subject, t.thumbprintSha256, t.notAfter, t.profileName, String(t.version)])),
    'Profiles',
    s.profiles.length === 0
      ? '(none)\n'
      : renderTable(['profile', 'type', 'version', 'status', 'reported', 'detail'], s.profiles.map((p) => [p.name, p.type, String(p.version), p.status, p.reported ? 'yes' : 'not yet', p.message ?? ''])),
  ].join('\n');
}
