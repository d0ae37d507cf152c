import { Command } from 'commander';
import { deviceCommand } from './commands/device';
import { pfxCommand } from './commands/pfx';
import { platformCommand } from './commands/platform';
import { scepCommand } from './commands/scep';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

/**
 * The `certlab` command: devices, fleets, the on-prem PFX import tool and anything a test or a
 * script needs. Every command has `--help`; those that print data take `--json`.
 */
export function buildProgram(): Command {
  return new Command('certlab')
    .description('Drive the certlab platform from the command line: devices, fleets, PFX import, platform checks.')
    .version(version, '-v, --version')
    .showHelpAfterError()
    .addCommand(platformCommand())
    .addCommand(deviceCommand())
    .addCommand(scepCommand())
    .addCommand(pfxCommand());
}
