import { type CiOptions, shellWord, yamlQuote } from './ci-options.js';

export const GITLAB_PIPELINE = '.gitlab/drydock.gitlab-ci.yml';
export const GITLAB_ROOT = '.gitlab-ci.yml';

/**
 * The GitLab pipeline: a scan job on every push, and an update job that runs from a pipeline
 * schedule (set `DRYDOCK_UPDATE=1` on a weekly schedule): `drydock update`, rebuild, scan, push a
 * branch and open (or keep) one merge request through the REST API with the Markdown body.
 * Docker builds use the docker:dind service; the job images are pinned by `drydock pin`.
 */
export function gitlabPipeline(o: CiOptions): string {
  const paths = o.paths.map(shellWord).join(' ');
  return `# Written by \`drydock init ci --gitlab\` (drydock ${o.drydockVersion}).
# Scan on every push; update pinned base-image digests from a weekly pipeline schedule
# (CI/CD > Schedules: cron ${o.cron}, variable DRYDOCK_UPDATE=1). The update job needs a project
# access token with api and write_repository scopes in the masked variable DRYDOCK_GITLAB_TOKEN.
# Pin the job images below with \`drydock pin ${GITLAB_PIPELINE}\`.

variables:
  DRYDOCK: ${yamlQuote(`npx --yes drydock@${o.drydockVersion}`)}
  DRYDOCK_BUDGET: ${yamlQuote(o.budget)}
  DRYDOCK_IMAGE: 'drydock-ci/app'
  DOCKER_TLS_CERTDIR: '/certs'

.drydock-docker:
  image: docker:27-cli
  services:
    - docker:27-dind
  before_script:
    - apk add --no-cache nodejs npm git curl

drydock-scan:
  extends: .drydock-docker
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "push"
  script:
    - $DRYDOCK lint ${paths}
    - $DRYDOCK pin --check ${paths}
    - $DRYDOCK db update
    - docker build -f ${shellWord(o.dockerfile)} -t "$DRYDOCK_IMAGE:$CI_COMMIT_SHORT_SHA" ${shellWord(o.context)}
    - docker save "$DRYDOCK_IMAGE:$CI_COMMIT_SHORT_SHA" -o image.tar
    - $DRYDOCK scan docker-archive:image.tar --max "$DRYDOCK_BUDGET"

drydock-update:
  extends: .drydock-docker
  stage: deploy
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule" && $DRYDOCK_UPDATE == "1"
  script:
    - $DRYDOCK db update
    - $DRYDOCK update ${paths} --pr-title title.txt --pr-body body.md
    - if git diff --quiet; then echo "every pinned digest is current"; exit 0; fi
    - docker build --pull -f ${shellWord(o.dockerfile)} -t "$DRYDOCK_IMAGE:update" ${shellWord(o.context)}
    - docker save "$DRYDOCK_IMAGE:update" -o image.tar
    - $DRYDOCK scan docker-archive:image.tar --max "$DRYDOCK_BUDGET" || printf '\\n**The rebuilt image exceeds the budget %s.**\\n' "$DRYDOCK_BUDGET" >> body.md
    - git config user.name "drydock"
    - git config user.email "drydock@$CI_SERVER_HOST"
    - git checkout -B drydock/base-image-update
    - git commit -am "$(cat title.txt)"
    - git push --force "https://oauth2:$DRYDOCK_GITLAB_TOKEN@$CI_SERVER_HOST/$CI_PROJECT_PATH.git" HEAD:drydock/base-image-update
    - >-
      curl --fail-with-body --silent --show-error
      --header "PRIVATE-TOKEN: $DRYDOCK_GITLAB_TOKEN"
      --data-urlencode "source_branch=drydock/base-image-update"
      --data-urlencode "target_branch=$CI_DEFAULT_BRANCH"
      --data-urlencode "title@title.txt"
      --data-urlencode "description@body.md"
      --data-urlencode "remove_source_branch=true"
      "$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests"
      || echo "a merge request for drydock/base-image-update is already open: the branch was updated"
`;
}

/** A root .gitlab-ci.yml for projects without one: it only includes the drydock pipeline. */
export function gitlabRoot(): string {
  return `include:\n  - local: ${GITLAB_PIPELINE}\n\nstages:\n  - test\n  - deploy\n`;
}
