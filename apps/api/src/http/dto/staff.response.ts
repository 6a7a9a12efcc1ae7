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
  @ApiProperty({
    type: String,
    isArray: true,
    description: 'Task types this api delivers under medication custody (CUSTODY_TASK_TYPES, any case): a nurse confirms loading and handover, only a nurse takes them on in the staff queue',
    example: ['medication'],
  })
  custodyTaskTypes!: string[];

  static from(session: { user: StaffIdentity; permissions: readonly StaffPermission[] }, custodyTaskTypes: readonly string[]): StaffSessionResponse {
    return { user: { ...session.user }, permissions: [...session.permissions], custodyTaskTypes: [...custodyTaskTypes] };
  }
}

export class SignInResponse extends StaffSessionResponse {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <token>`; Socket.IO: `auth: { token }`' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;

  static fromSignedIn(signedIn: SignedIn, custodyTaskTypes: readonly string[]): SignInResponse {
    return { ...StaffSessionResponse.from(signedIn, custodyTaskTypes), token: signedIn.token, expiresAt: new Date(signedIn.expiresAt).toISOString() };
  }
}
