import { ApiProperty } from '@nestjs/swagger';
import { STAFF_PERMISSIONS, STAFF_ROLES, type SignedIn, type StaffIdentity, type StaffPermission, type StaffRole } from '@opiekun/application';

export class StaffUserResponse {
  @ApiProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
}

export class StaffSessionResponse {
  @ApiProperty({ type: StaffUserResponse }) user!: StaffUserResponse;
  @ApiProperty({ enum: STAFF_PERMISSIONS, isArray: true, description: 'What this role may do; the dashboard shows only these actions' })
  permissions!: StaffPermission[];

  static from(session: { user: StaffIdentity; permissions: readonly StaffPermission[] }): StaffSessionResponse {
    return { user: { ...session.user }, permissions: [...session.permissions] };
  }
}

export class SignInResponse extends StaffSessionResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`; Socket.IO: `auth: { token }`' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;

  static fromSignedIn(signedIn: SignedIn): SignInResponse {
    return { ...StaffSessionResponse.from(signedIn), token: signedIn.token, expiresAt: new Date(signedIn.expiresAt).toISOString() };
  }
}
