/**
 * The actions the generated workflows use, pinned by full commit SHA (a tag can be re-pointed, a SHA
 * cannot), with the release each SHA is, for people and for Dependabot/Renovate's `# vX` comments.
 * Bump them together: the test checks every `uses:` of every template is one of these.
 */
export interface PinnedAction {
  readonly name: string;
  readonly sha: string;
  readonly version: string;
}

export const CHECKOUT: PinnedAction = {
  name: 'actions/checkout',
  sha: '11bd71901bbe5b1630ceea73d27597364c9af683',
  version: 'v4.2.2',
};

export const SETUP_NODE: PinnedAction = {
  name: 'actions/setup-node',
  sha: '49933ea5288caeca8642d1e84afbd3f7d6820020',
  version: 'v4.4.0',
};

/** peter-evans/create-pull-request: the maintained action for opening a PR from a workflow's changes. */
export const CREATE_PULL_REQUEST: PinnedAction = {
  name: 'peter-evans/create-pull-request',
  sha: '271a8d0340265f705b14b6d32b9829c1cb33d45e',
  version: 'v7.0.8',
};

export const PINNED_ACTIONS: readonly PinnedAction[] = [CHECKOUT, SETUP_NODE, CREATE_PULL_REQUEST];

/** `owner/repo@<sha> # vX.Y.Z` as it goes after `uses:`. */
export function usesLine(action: PinnedAction): string {
  return `${action.name}@${action.sha} # ${action.version}`;
}
