/**
 * Imperative requests to the contributor decider. A contributor's id is the writer's principal
 * id, the same id an article records as its `authorId`, so bylines join on it.
 */
export type ContributorCommand =
  | {
      readonly type: 'UpdateContributorProfile';
      readonly data: {
        readonly contributorId: string;
        readonly displayName: string;
        readonly bio: string;
        /** An email, a social handle…; null (or blank) shows none. */
        readonly publicContact: string | null;
        /** Set by the desk; left out, it stays as it is (a new profile starts as community). */
        readonly community?: boolean;
      };
    }
  | { readonly type: 'VerifyContributor'; readonly data: Record<string, never> }
  | { readonly type: 'RevokeContributorVerification'; readonly data: { readonly reason: string } };

export type ContributorCommandType = ContributorCommand['type'];
