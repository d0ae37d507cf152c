import {
  type CaCertificateOption,
  type CertificateSummary,
  type CreateProfileRequest,
  createProfileRequestSchema,
  type InspectTrustedRootRequest,
  inspectTrustedRootRequestSchema,
  type Page,
  type Profile,
  type ProfileDeviceStatus,
  type ProfileListQuery,
  profileListQuerySchema,
  type ProfileStatusQuery,
  profileStatusQuerySchema,
  type ProfileUserStatus,
  type ProfileVersion,
  type SetAssignmentsRequest,
  setAssignmentsRequestSchema,
  type UpdateProfileRequest,
  updateProfileRequestSchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import { ProfilesService } from './profiles.service';
import { StatusService } from './status/status.service';
import { CaPublication } from './trusted-root/ca-publication';

@Controller('profiles')
export class ProfilesController {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly status: StatusService,
    private readonly ca: CaPublication,
  ) {}

  @Get()
  list(@Query(new ZodPipe(profileListQuerySchema)) query: ProfileListQuery): Promise<Page<Profile>> {
    return this.profiles.list(query);
  }

  @Get('ca-certificates')
  async caCertificates(): Promise<{ items: CaCertificateOption[] }> {
    return { items: await this.ca.list() };
  }

  @Post('trusted-root/inspect')
  @HttpCode(200)
  inspect(@Body(new ZodPipe(inspectTrustedRootRequestSchema)) body: InspectTrustedRootRequest): Promise<CertificateSummary> {
    return this.profiles.inspect(body.settings);
  }

  @Post()
  create(@CurrentAccount() account: ConsoleAccount, @Body(new ZodPipe(createProfileRequestSchema)) body: CreateProfileRequest): Promise<Profile> {
    return this.profiles.create(account.username, body);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Profile> {
    return this.profiles.get(id);
  }

  @Patch(':id')
  update(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(updateProfileRequestSchema)) body: UpdateProfileRequest,
  ): Promise<Profile> {
    return this.profiles.update(account.username, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentAccount() account: ConsoleAccount, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.profiles.remove(account.username, id);
  }

  @Put(':id/assignments')
  assign(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(setAssignmentsRequestSchema)) body: SetAssignmentsRequest,
  ): Promise<Profile> {
    return this.profiles.setAssignments(account.username, id, body.assignments);
  }

  @Get(':id/versions')
  versions(@Param('id', ParseUUIDPipe) id: string): Promise<ProfileVersion[]> {
    return this.profiles.history(id);
  }

  @Get(':id/device-status')
  deviceStatus(@Param('id', ParseUUIDPipe) id: string, @Query(new ZodPipe(profileStatusQuerySchema)) query: ProfileStatusQuery): Promise<Page<ProfileDeviceStatus>> {
    return this.status.deviceStatus(id, query);
  }

  @Get(':id/user-status')
  userStatus(@Param('id', ParseUUIDPipe) id: string, @Query(new ZodPipe(profileStatusQuerySchema)) query: ProfileStatusQuery): Promise<Page<ProfileUserStatus>> {
    return this.status.userStatus(id, query);
  }
}
