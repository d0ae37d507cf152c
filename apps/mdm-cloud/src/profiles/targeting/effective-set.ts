import { type AssignmentMode, type AssignmentReason, PLATFORMS, type Platform } from '@certlab/contracts';
import type { GroupGraph } from '../../directory/membership/group-graph';

/** What targeting needs to know about a device: its platform, its direct groups, and its user's. */
export interface TargetDevice {
  id: string;
  platform: Platform;
  groupIds: readonly string[];
  owner: { displayName: string; groupIds: readonly string[] } | null;
}

export interface TargetProfile {
  id: string;
  platforms: readonly Platform[];
  assignments: readonly { groupId: string; mode: AssignmentMode }[];
}

export interface Targeting {
  profileId: string;
  applies: boolean;
  notAppliedReason: string | null;
  reasons: AssignmentReason[];
}

/** Every group a device is in, directly or through nesting, via itself or via its owner user. */
export interface DeviceMembership {
  /** groupId → how the device gets there (the device's own membership is preferred in explanations). */
  groups: Map<string, { member: 'device' | 'user'; path: string[] }>;
}

export function membershipOf(device: TargetDevice, graph: GroupGraph): DeviceMembership {
  const groups = new Map<string, { member: 'device' | 'user'; path: string[] }>();
  for (const [groupId, path] of graph.ancestors(device.groupIds)) groups.set(groupId, { member: 'device', path });
  if (device.owner) {
    for (const [groupId, path] of graph.ancestors(device.owner.groupIds)) {
      if (!groups.has(groupId)) groups.set(groupId, { member: 'user', path });
    }
  }
  return { groups };
}

/**
 * Which profiles apply to a device and why, as Intune decides: a profile applies when the device
 * or its user is in an included group (directly or nested), neither is in an excluded group
 * (exclude wins over include), and the profile targets the device's platform. Profiles with no
 * assignment reaching the device are left out.
 */
export function effectiveSet(device: TargetDevice, profiles: readonly TargetProfile[], graph: GroupGraph, membership = membershipOf(device, graph)): Targeting[] {
  const out: Targeting[] = [];
  for (const profile of profiles) {
    const reasons: AssignmentReason[] = [];
    for (const a of profile.assignments) {
      const via = membership.groups.get(a.groupId);
      if (!via) continue;
      const path = via.path.map((id) => graph.name(id));
      reasons.push({ mode: a.mode, groupId: a.groupId, groupName: graph.name(a.groupId), member: via.member, path, text: explain(a.mode, path, via.member, device) });
    }
    if (reasons.length === 0) continue;
    const excluded = reasons.find((r) => r.mode === 'exclude');
    const included = reasons.some((r) => r.mode === 'include');
    const platformOk = profile.platforms.includes(device.platform);
    let notAppliedReason: string | null = null;
    if (excluded) notAppliedReason = `${excluded.text}; exclusion wins over inclusion`;
    else if (!included) notAppliedReason = 'not included by any assigned group';
    else if (!platformOk) {
      notAppliedReason = `the profile targets ${profile.platforms.map((p) => PLATFORMS[p].label).join(', ')}; this device runs ${PLATFORMS[device.platform].label}`;
    }
    reasons.sort((a, b) => (a.mode === b.mode ? a.groupName.localeCompare(b.groupName) : a.mode === 'exclude' ? -1 : 1));
    out.push({ profileId: profile.id, applies: notAppliedReason === null, notAppliedReason, reasons });
  }
  return out;
}

function explain(mode: AssignmentMode, path: string[], member: 'device' | 'user', device: TargetDevice): string {
  const group = path[path.length - 1]!;
  let text = `${mode === 'include' ? 'assigned' : 'excluded'} via group ${group}`;
  const who = member === 'user' && device.owner ? `its user ${device.owner.displayName}` : null;
  if (path.length > 1) text += ` (${who ? `${who} is` : 'the device is'} in ${path.slice(0, -1).join(' → ')}, nested in ${group})`;
  else if (who) text += ` (${who} is a member)`;
  return text;
}
