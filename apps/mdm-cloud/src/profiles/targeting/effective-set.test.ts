import type { Platform } from '@certlab/contracts';
import { describe, expect, it } from 'vitest';
import { GroupGraph } from '../../directory/membership/group-graph';
import { effectiveSet, type TargetDevice, type TargetProfile } from './effective-set';

const names = new Map([
  ['all', 'All staff'],
  ['eng', 'Engineering'],
  ['backend', 'Backend'],
  ['contractors', 'Contractors'],
  ['kiosks', 'Kiosks'],
  ['loopA', 'Loop A'],
  ['loopB', 'Loop B'],
]);
const graph = new GroupGraph(
  [
    { parentId: 'all', childId: 'eng' },
    { parentId: 'eng', childId: 'backend' },
    { parentId: 'loopA', childId: 'loopB' },
    { parentId: 'loopB', childId: 'loopA' },
  ],
  names,
);

const device = (over: Partial<TargetDevice> = {}): TargetDevice => ({
  id: 'd1',
  platform: 'windows',
  groupIds: [],
  owner: { displayName: 'Ada Lovelace', groupIds: ['backend'] },
  ...over,
});
const profile = (assignments: TargetProfile['assignments'], platforms: Platform[] = ['windows', 'ios', 'macos', 'android']): TargetProfile => ({
  id: 'p1',
  platforms,
  assignments,
});

const cases: { name: string; device: TargetDevice; profile: TargetProfile; applies: boolean | 'absent'; text?: RegExp }[] = [
  { name: 'ok/included directly via the user', device: device({ owner: { displayName: 'Ada', groupIds: ['eng'] } }), profile: profile([{ groupId: 'eng', mode: 'include' }]), applies: true, text: /^assigned via group Engineering \(its user Ada is a member\)$/ },
  { name: 'ok/included through two levels of nesting', device: device(), profile: profile([{ groupId: 'all', mode: 'include' }]), applies: true, text: /assigned via group All staff \(its user Ada Lovelace is in Backend → Engineering, nested in All staff\)/ },
  { name: 'ok/device group membership counts without a user', device: device({ owner: null, groupIds: ['kiosks'] }), profile: profile([{ groupId: 'kiosks', mode: 'include' }]), applies: true, text: /^assigned via group Kiosks$/ },
  { name: 'ok/a cycle of groups resolves without looping', device: device({ owner: null, groupIds: ['loopA'] }), profile: profile([{ groupId: 'loopB', mode: 'include' }]), applies: true },
  { name: 'fail/exclude wins over include', device: device(), profile: profile([{ groupId: 'all', mode: 'include' }, { groupId: 'backend', mode: 'exclude' }]), applies: false, text: /excluded via group Backend \(its user Ada Lovelace is a member\); exclusion wins/ },
  { name: 'fail/exclude through nesting wins too', device: device({ groupIds: ['eng'] }), profile: profile([{ groupId: 'eng', mode: 'include' }, { groupId: 'all', mode: 'exclude' }]), applies: false },
  { name: 'fail/platform not targeted', device: device({ platform: 'android' }), profile: profile([{ groupId: 'eng', mode: 'include' }], ['ios', 'windows']), applies: false, text: /targets iOS\/iPadOS, Windows; this device runs Android Enterprise/ },
  { name: 'fail/only an exclude reaches the device', device: device(), profile: profile([{ groupId: 'eng', mode: 'exclude' }]), applies: false },
  { name: 'fail/no assignment reaches the device', device: device(), profile: profile([{ groupId: 'contractors', mode: 'include' }]), applies: 'absent' },
  { name: 'fail/a device without user or groups gets nothing', device: device({ owner: null }), profile: profile([{ groupId: 'all', mode: 'include' }]), applies: 'absent' },
];

describe('effectiveSet', () => {
  it.each(cases)('$name', ({ device: d, profile: p, applies, text }) => {
    const result = effectiveSet(d, [p], graph);
    if (applies === 'absent') {
      expect(result).toEqual([]);
      return;
    }
    expect(result).toHaveLength(1);
    expect(result[0]!.applies).toBe(applies);
    if (text) expect([result[0]!.notAppliedReason, ...result[0]!.reasons.map((r) => r.text)].filter(Boolean).join(' | ')).toMatch(text);
  });

  it('ok/the device’s own membership is preferred over its user’s in the explanation', () => {
    const [t] = effectiveSet(device({ groupIds: ['eng'] }), [profile([{ groupId: 'eng', mode: 'include' }])], graph);
    expect(t!.reasons[0]).toMatchObject({ member: 'device', path: ['Engineering'], text: 'assigned via group Engineering' });
  });

  it('ok/several profiles are decided independently', () => {
    const result = effectiveSet(device(), [
      { id: 'a', platforms: ['windows'], assignments: [{ groupId: 'eng', mode: 'include' }] },
      { id: 'b', platforms: ['windows'], assignments: [{ groupId: 'eng', mode: 'include' }, { groupId: 'backend', mode: 'exclude' }] },
      { id: 'c', platforms: ['windows'], assignments: [{ groupId: 'kiosks', mode: 'include' }] },
    ], graph);
    expect(result.map((r) => [r.profileId, r.applies])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
