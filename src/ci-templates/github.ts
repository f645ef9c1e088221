import { type CiOptions, shellWord, yamlQuote } from './ci-options.js';
import { CHECKOUT, CREATE_PULL_REQUEST, SETUP_NODE, usesLine } from './pinned-actions.js';

export const GITHUB_UPDATE_WORKFLOW = '.github/workflows/drydock-update.yml';
export const GITHUB_SCAN_WORKFLOW = '.github/workflows/drydock-scan.yml';

const IMAGE = 'drydock-ci/app';

/**
 * The weekly update workflow: move every pinned image reference to the digest its tag points at
 * now (`drydock update`, one reference at a time — never a `sed` over every digest), rebuild, scan
 * the rebuilt image against the budget and open (or refresh) one pull request whose body lists the
 * images, old/new digests and vulnerability counts. Every action is pinned by commit SHA.
 */
export function githubUpdateWorkflow(o: CiOptions): string {
  const drydock = `npx --yes drydock@${o.drydockVersion}`;
  const paths = o.paths.map(shellWord).join(' ');
  return `# Written by \`drydock init ci --github\` (drydock ${o.drydockVersion}).
# Weekly: move pinned base images to the digests their tags point at now, rebuild, scan against
# the budget, and open a pull request listing old/new digests and vulnerability counts.
name: drydock base image update

on:
  schedule:
    - cron: ${yamlQuote(o.cron)}
  workflow_dispatch: {}

permissions:
  contents: read

concurrency:
  group: drydock-update
  cancel-in-progress: false

jobs:
  update:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    permissions:
      contents: write
      pull-requests: write
    steps:
      - uses: ${usesLine(CHECKOUT)}
      - uses: ${usesLine(SETUP_NODE)}
        with:
          node-version: ${yamlQuote(o.nodeVersion)}
      - name: Vulnerability database
        run: ${drydock} db update
      - name: Update pinned digests
        id: update
        run: |
          ${drydock} update ${paths} --pr-title "$RUNNER_TEMP/pr-title.txt" --pr-body "$RUNNER_TEMP/pr-body.md"
          echo "title=$(cat "$RUNNER_TEMP/pr-title.txt")" >> "$GITHUB_OUTPUT"
          if git diff --quiet; then echo "changed=false" >> "$GITHUB_OUTPUT"; else echo "changed=true" >> "$GITHUB_OUTPUT"; fi
      - name: Rebuild
        if: steps.update.outputs.changed == 'true'
        run: docker build --pull -f ${shellWord(o.dockerfile)} -t ${IMAGE}:update ${shellWord(o.context)}
      - name: Scan the rebuilt image against the budget
        id: scan
        if: steps.update.outputs.changed == 'true'
        continue-on-error: true
        run: |
          docker save ${IMAGE}:update -o "$RUNNER_TEMP/image.tar"
          ${drydock} scan "docker-archive:$RUNNER_TEMP/image.tar" --max ${shellWord(o.budget)}
      - name: Open a pull request
        if: steps.update.outputs.changed == 'true'
        uses: ${usesLine(CREATE_PULL_REQUEST)}
        with:
          branch: drydock/base-image-update
          delete-branch: true
          title: \${{ steps.update.outputs.title }}
          commit-message: \${{ steps.update.outputs.title }}
          body-path: \${{ runner.temp }}/pr-body.md
          labels: security
      - name: Fail when the rebuilt image exceeds the budget
        if: steps.scan.outcome == 'failure'
        run: |
          echo "::error::the rebuilt image exceeds the vulnerability budget ${o.budget}: see the scan step"
          exit 1
`;
}

/** On every push: lint the Dockerfiles, require digest pins, build and scan against the budget. */
export function githubScanWorkflow(o: CiOptions): string {
  const drydock = `npx --yes drydock@${o.drydockVersion}`;
  const paths = o.paths.map(shellWord).join(' ');
  return `# Written by \`drydock init ci --github\` (drydock ${o.drydockVersion}).
# On every push: lint the Dockerfiles, require every image to be pinned by digest, build the image
# and scan it against the vulnerability budget.
name: drydock scan

on:
  push: {}
  workflow_dispatch: {}

permissions:
  contents: read

jobs:
  scan:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    steps:
      - uses: ${usesLine(CHECKOUT)}
        with:
          persist-credentials: false
      - uses: ${usesLine(SETUP_NODE)}
        with:
          node-version: ${yamlQuote(o.nodeVersion)}
      - name: Lint Dockerfiles
        run: ${drydock} lint ${paths}
      - name: Every image pinned by digest
        run: ${drydock} pin --check ${paths}
      - name: Vulnerability database
        run: ${drydock} db update
      - name: Build
        run: docker build -f ${shellWord(o.dockerfile)} -t ${IMAGE}:\${{ github.sha }} ${shellWord(o.context)}
      - name: Scan against the budget
        run: |
          docker save ${IMAGE}:\${{ github.sha }} -o "$RUNNER_TEMP/image.tar"
          ${drydock} scan "docker-archive:$RUNNER_TEMP/image.tar" --max ${shellWord(o.budget)}
`;
}
