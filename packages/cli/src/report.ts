import type { ConversionReport } from '@portico/openapi-to-mcp';

/**
 * The human-readable conversion report: the counts, the tool list's size (tools, estimated tokens)
 * with the serving-mode recommendation, then one line per renamed or skipped operation (with its
 * reason), then document warnings. Converted operations are not listed: on large APIs
 * they would bury what needs attention.
 */
export function formatReport(report: ConversionReport, source: string): string {
  const { counts } = report;
  const lines = [
    `${source}: ${report.format.toUpperCase()}, ${report.specVersion.startsWith('2') ? 'Swagger' : 'OpenAPI'} ${report.specVersion}`,
    `${counts.operations} operations: ${counts.converted} converted, ${counts.renamed} renamed, ${counts.skipped} skipped`,
    `${report.toolCount} tools, tool list about ${report.toolListTokens} tokens: ${
      report.recommendation.dynamicMode ? 'dynamic mode recommended' : 'full tool list fine'
    } (${report.recommendation.reason})`,
  ];
  for (const op of report.operations) {
    if (op.status === 'converted') continue;
    const target = op.status === 'renamed' ? ` -> ${op.tool}` : '';
    lines.push(
      `  ${op.status.padEnd(8)} ${op.method.toUpperCase()} ${op.path}${target}: ${op.reason ?? ''}`,
    );
  }
  for (const warning of report.warnings) {
    lines.push(`  warning  ${warning.pointer || '/'}: ${warning.message}`);
  }
  return lines.join('\n');
}
