import type * as Sarif from 'sarif';

/**
 * The SARIF 2.1.0 envelope every drydock SARIF report shares: one run, the drydock driver with its
 * rules, the invocation (successful unless inputs failed, with one notification per failure) and
 * the results. Lint and scan differ only in their rules and results.
 */
export function sarifLog(
  version: string,
  rules: Sarif.ReportingDescriptor[],
  results: Sarif.Result[],
  notifications: Sarif.Notification[],
): Sarif.Log {
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'drydock', version, informationUri: 'https://github.com/drydock-dev/drydock', rules } },
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
}
