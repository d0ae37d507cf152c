import {
  type DirectoryGroup,
  type DirectoryUser,
  type GroupListQuery,
  groupListQuerySchema,
  type Page,
  type UserListQuery,
  userListQuerySchema,
} from '@certlab/contracts';
import { ZodPipe } from '@certlab/service-kit';
import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { DirectoryService } from './directory.service';

@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('users')
  users(@Query(new ZodPipe(userListQuerySchema)) query: UserListQuery): Promise<Page<DirectoryUser>> {
    return this.directory.listUsers(query);
  }

  @Get('users/:id')
  user(@Param('id', ParseUUIDPipe) id: string): Promise<DirectoryUser> {
    return this.directory.getUser(id);
  }

  @Get('groups')
  groups(@Query(new ZodPipe(groupListQuerySchema)) query: GroupListQuery): Promise<Page<DirectoryGroup>> {
    return this.directory.listGroups(query);
  }
}
