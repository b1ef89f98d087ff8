export const ROLES = ['writer', 'editor', 'auditor', 'service', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who issues a command. The scheduler acts as the system principal with the 'system' marker. */
export interface Actor {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly system?: true;
}
