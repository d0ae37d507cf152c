import {
  type AddMemberRequest,
  addMemberRequestSchema,
  createGroupRequestSchema,
  createUserRequestSchema,
  type DirectoryGroup,
  type DirectoryUser,
  type GroupDetail,
  type GroupListQuery,
  groupListQuerySchema,
  type ImportResult,
  importRequestSchema,
  type MemberKind,
  memberKindSchema,
  type Page,
  updateGroupRequestSchema,
  updateUserRequestSchema,
  type UserListQuery,
  userListQuerySchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { ConsoleAccount } from '../accounts/console-account.entity';
import { CurrentAccount } from '../accounts/session.guard';
import {
  type CreateGroupFields,
  type CreateUserFields,
  DirectoryService,
  type UpdateGroupFields,
  type UpdateUserFields,
} from './directory.service';
import { ImportService } from './import/import.service';

/** What multer hands over for a multipart file field. */
interface UploadedImportFile {
  originalname: string;
  buffer: Buffer;
}

const IMPORT_MAX_BYTES = 5_000_000;

@Controller('directory')
export class DirectoryController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly importer: ImportService,
  ) {}

  @Get('users')
  users(@Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<Page<DirectoryUser>> {
    return this.directory.listUsers(query);
  }

  @Post('users')
  createUser(@CurrentAccount() account: ConsoleAccount, @Body(new ZodPipe(createUserRequestSchema)) body: CreateUserFields): Promise<DirectoryUser> {
    return this.directory.createUser(account.username, body);
  }

  @Get('users/:id')
  user(@Param('id', ParseUUIDPipe) id: string): Promise<DirectoryUser> {
    return this.directory.getUser(id);
  }

  @Patch('users/:id')
  updateUser(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(updateUserRequestSchema)) body: UpdateUserFields,
  ): Promise<DirectoryUser> {
    return this.directory.updateUser(account.username, id, body);
  }

  @Get('groups')
  groups(@Query(new ZodPipe(groupListQuerySchema)) query: GroupListQuery): Promise<Page<DirectoryGroup>> {
    return this.directory.listGroups(query);
  }

  @Post('groups')
  createGroup(@CurrentAccount() account: ConsoleAccount, @Body(new ZodPipe(createGroupRequestSchema)) body: CreateGroupFields): Promise<GroupDetail> {
    return this.directory.createGroup(account.username, body);
  }

  @Get('groups/:id')
  group(@Param('id', ParseUUIDPipe) id: string): Promise<GroupDetail> {
    return this.directory.groupDetail(id);
  }

  @Patch('groups/:id')
  updateGroup(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(updateGroupRequestSchema)) body: UpdateGroupFields,
  ): Promise<GroupDetail> {
    return this.directory.updateGroup(account.username, id, body);
  }

  @Delete('groups/:id')
  @HttpCode(204)
  deleteGroup(@CurrentAccount() account: ConsoleAccount, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.directory.deleteGroup(account.username, id);
  }

  @Post('groups/:id/members')
  addMember(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(addMemberRequestSchema)) body: AddMemberRequest,
  ): Promise<GroupDetail> {
    return this.directory.addMember(account.username, id, body);
  }

  @Delete('groups/:id/members/:kind/:memberId')
  removeMember(
    @CurrentAccount() account: ConsoleAccount,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('kind', new ZodPipe(memberKindSchema)) kind: MemberKind,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<GroupDetail> {
    return this.directory.removeMember(account.username, id, kind, memberId);
  }

  /**
   * Users and groups from a file: multipart (`file`, optional `dryRun=true`) as a browser form
   * or curl sends it, or JSON `{ format, content, dryRun }`. The format of a multipart upload is
   * taken from the file name (.csv or .json).
   */
  @Post('import')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  async import(
    @CurrentAccount() account: ConsoleAccount,
    @UploadedFile() file: UploadedImportFile | undefined,
    @Body() body: unknown,
  ): Promise<ImportResult> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const request = importRequestSchema.parse(
      file
        ? {
            format: file.originalname.toLowerCase().endsWith('.json') ? 'json' : 'csv',
            content: file.buffer.toString('utf8'),
            dryRun: fields.dryRun === 'true' || fields.dryRun === true,
          }
        : fields,
    );
    return this.importer.run(account.username, request.format, request.content, request.dryRun);
  }
}
