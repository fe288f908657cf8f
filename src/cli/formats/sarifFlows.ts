import type { Finding } from '../../engine';
import { scrub } from './common';

// Where a reviewer follows a path finding: its source and the calls it went through, as SARIF
// `relatedLocations` (each with its message), and for path flows one `codeFlows` entry whose thread
// flow walks source -> steps -> sink. GitHub code scanning shows the related locations as links and
// the code flow as "Show paths".

type Range = Finding['range'];

function physicalLocation(uri: string, range: Range) {
  return {
    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
    region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 },
  };
}

/** The finding's related locations (source first), numbered from 1 as SARIF ids; empty when it has none. */
export function sarifRelatedLocations(finding: Finding, uri: string) {
  return (finding.related ?? []).map((related, index) => ({
    id: index + 1,
    physicalLocation: physicalLocation(uri, related.range),
    message: { text: scrub(related.message, finding) },
  }));
}

/** One code flow for a path finding with a source: its related locations in order, then the sink. */
export function sarifCodeFlows(finding: Finding, uri: string) {
  if (finding.category !== 'path' || !finding.related?.length) return [];
  const steps = finding.related.map((related) => ({ range: related.range, text: related.message }));
  steps.push({ range: finding.range, text: `reaches the sink${typeof finding.data?.sink === 'string' ? `: ${finding.data.sink}` : ''}` });
  return [{
    message: { text: scrub(finding.message, finding) },
    threadFlows: [{
      locations: steps.map((step, index) => ({
        executionOrder: index + 1,
        location: { physicalLocation: physicalLocation(uri, step.range), message: { text: scrub(step.text, finding) } },
      })),
    }],
  }];
}
