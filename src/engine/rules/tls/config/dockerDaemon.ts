import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { Detection } from '../../../types';
import { finding } from '../rule';
import { dockerInsecureRegistry } from './infraRules';

// The Docker daemon's configuration (`/etc/docker/daemon.json`): each registry listed under
// `insecure-registries` is pulled from with any certificate, or none. A registry on this machine
// (localhost, 127.x, ::1) has no network path to intercept, and Docker treats 127.0.0.0/8 as
// insecure anyway: not reported.

export const LOOPBACK_REGISTRY = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)(?::\d+)?$|^127\.0\.0\.0\/8$/i;

export function scanDockerDaemon(text: string): Detection[] {
  const root = parseTree(text);
  const list = root ? findNodeAtLocation(root, ['insecure-registries']) : undefined;
  if (!list || list.type !== 'array') return [];
  const out: Detection[] = [];
  for (const item of list.children ?? []) {
    if (item.type !== 'string' || typeof item.value !== 'string' || LOOPBACK_REGISTRY.test(item.value)) continue;
    out.push(finding(dockerInsecureRegistry, {
      start: item.offset,
      end: item.offset + item.length,
      what: `"insecure-registries" lists ${item.value}: the Docker daemon pulls from it without verifying its certificate.`,
    }));
  }
  return out;
}
