import type { Platform } from '@certlab/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { DeviceEntity } from '../../devices/device.entity';
import type { GroupGraph } from '../../directory/membership/group-graph';
import { MembershipStore } from '../../directory/membership/membership.store';
import { ProfileAssignmentEntity, ProfileEntity } from '../profile.entity';
import { type TargetDevice, type TargetProfile, type Targeting, effectiveSet, membershipOf } from './effective-set';

export interface DeviceRef {
  id: string;
  name: string;
  platform: Platform;
  state: string;
  owner: { id: string; userPrincipalName: string; displayName: string } | null;
}

/**
 * Loads what targeting needs and runs {@link effectiveSet}: for one device (check-in, the hot
 * path: only its own memberships are read) or for the whole fleet (status views; a lab tenant
 * of thousands of devices fits in memory comfortably).
 */
@Injectable()
export class TargetingService {
  constructor(
    @InjectRepository(DeviceEntity) private readonly devices: Repository<DeviceEntity>,
    @InjectRepository(ProfileEntity) private readonly profiles: Repository<ProfileEntity>,
    @InjectRepository(ProfileAssignmentEntity) private readonly assignments: Repository<ProfileAssignmentEntity>,
    private readonly membership: MembershipStore,
  ) {}

  async targetProfiles(ids?: string[]): Promise<{ profiles: ProfileEntity[]; targets: TargetProfile[] }> {
    const profiles = ids ? await this.profiles.findBy({ id: In(ids) }) : await this.profiles.find();
    const assignments = profiles.length ? await this.assignments.findBy({ profileId: In(profiles.map((p) => p.id)) }) : [];
    const targets = profiles.map((p) => ({
      id: p.id,
      platforms: p.platforms,
      assignments: assignments.filter((a) => a.profileId === p.id).map((a) => ({ groupId: a.groupId, mode: a.mode })),
    }));
    return { profiles, targets };
  }

  /** One device's targeting over every profile; undefined when the device does not exist. */
  async forDevice(deviceId: string): Promise<{ device: DeviceEntity; profiles: ProfileEntity[]; targeting: Targeting[] } | undefined> {
    const device = await this.devices.findOne({ where: { id: deviceId }, relations: { owner: true } });
    if (!device) return undefined;
    const [graph, deviceGroups, ownerGroups, { profiles, targets }] = await Promise.all([
      this.membership.graph(),
      this.membership.groupsOfDevices([device.id]),
      device.ownerId ? this.membership.groupsOfUsers([device.ownerId]) : Promise.resolve(new Map<string, string[]>()),
      this.targetProfiles(),
    ]);
    const target = toTarget(device, deviceGroups, ownerGroups);
    return { device, profiles, targeting: effectiveSet(target, targets, graph) };
  }

  /** Enrolled devices and, per device, the profile ids that apply to it. */
  async fleet(profileIds?: string[]): Promise<Fleet> {
    const [graph, deviceGroups, userGroups, devices, { profiles, targets }] = await Promise.all([
      this.membership.graph(),
      this.membership.groupsOfDevices('all'),
      this.membership.groupsOfUsers('all'),
      this.devices.find({ where: { state: 'enrolled' }, relations: { owner: true } }),
      this.targetProfiles(profileIds),
    ]);
    return new Fleet(graph, devices, deviceGroups, userGroups, profiles, targets);
  }
}

export class Fleet {
  /** deviceId → profile ids that apply. */
  readonly applying = new Map<string, Set<string>>();
  readonly devices = new Map<string, DeviceRef>();

  constructor(
    graph: GroupGraph,
    devices: DeviceEntity[],
    deviceGroups: Map<string, string[]>,
    userGroups: Map<string, string[]>,
    readonly profiles: ProfileEntity[],
    targets: TargetProfile[],
  ) {
    for (const d of devices) {
      this.devices.set(d.id, toRef(d));
      const target = toTarget(d, deviceGroups, userGroups);
      const applies = effectiveSet(target, targets, graph, membershipOf(target, graph)).filter((t) => t.applies);
      this.applying.set(d.id, new Set(applies.map((t) => t.profileId)));
    }
  }

  targetedBy(profileId: string): string[] {
    return [...this.applying].filter(([, ids]) => ids.has(profileId)).map(([deviceId]) => deviceId);
  }
}

export function toRef(d: DeviceEntity): DeviceRef {
  return {
    id: d.id,
    name: d.name,
    platform: d.platform,
    state: d.state,
    owner: d.owner ? { id: d.owner.id, userPrincipalName: d.owner.userPrincipalName, displayName: d.owner.displayName } : null,
  };
}

function toTarget(d: DeviceEntity, deviceGroups: Map<string, string[]>, userGroups: Map<string, string[]>): TargetDevice {
  return {
    id: d.id,
    platform: d.platform,
    groupIds: deviceGroups.get(d.id) ?? [],
    owner: d.ownerId && d.owner ? { displayName: d.owner.displayName, groupIds: userGroups.get(d.ownerId) ?? [] } : null,
  };
}
