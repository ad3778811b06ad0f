/** The member-account role's default name: the member role template's default and the organization pack's ExecutionRoleName. */
export const MEMBER_ROLE_DEFAULT_NAME = 'elasticache-config-rules-member';
