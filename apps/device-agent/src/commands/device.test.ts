import { describe, expect, it } from 'vitest';
import { buildProgram } from '../program';

function helpOf(...path: string[]): string {
  let cmd = buildProgram();
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  return cmd.helpInformation().replace(/\s+/g, ' ');
}

describe('certlab device --help', () => {
  it.each([
    [['device'], ['enroll', 'checkin', 'run', 'status']],
    [['device', 'enroll'], ['--token <token>', '--platform <platform>', 'choices: "ios", "macos", "android", "windows"', '--name <name>', '--cloud <url>', '--ca-file <pem>', '--state-dir <dir>', '--json']],
    [['device', 'checkin'], ['--state-dir <dir>', '--json', 'report each change']],
    [['device', 'run'], ['nudge', 'Ctrl-C', '--json']],
    [['device', 'status'], ['key store, trust store', '--json']],
  ])('ok/%j documents its options', (path, expected) => {
    const text = helpOf(...path);
    for (const fragment of expected) expect(text).toContain(fragment);
  });
});
