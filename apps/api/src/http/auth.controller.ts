import { Body, Controller, Get, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { StaffAuthService, type StaffIdentity } from '@opiekun/application';
import { CurrentStaff } from './auth/current-staff.decorator';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { SignInDto } from './dto/sign-in.dto';
import { SignInResponse, StaffSessionResponse } from './dto/staff.response';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../tokens';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: StaffAuthService,
    /** The session tells the dashboard which task types travel under custody: its prompts and buttons follow them. */
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'CUSTODY_TASK_TYPES'>,
  ) {}

  @Post('sign-in')
  @HttpCode(200)
  @ApiOkResponse({ type: SignInResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong username or password' })
  async signIn(@Body() body: SignInDto): Promise<SignInResponse> {
    return SignInResponse.fromSignedIn(await this.auth.signIn(body.username, body.password), this.config.CUSTODY_TASK_TYPES);
  }

  @Get('me')
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  @ApiOkResponse({ type: StaffSessionResponse })
  me(@CurrentStaff() staff: StaffIdentity): StaffSessionResponse {
    return StaffSessionResponse.from(this.auth.describe(staff), this.config.CUSTODY_TASK_TYPES);
  }
}
