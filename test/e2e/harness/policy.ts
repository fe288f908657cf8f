// The "Create Security Policy" conversation, as a user answers it; shared by the scenario and the screenshots.
import * as assert from 'node:assert/strict';
import type { Workbench } from './workbench';

export const POLICY_COMMAND = 'Secure Hygiene: Create Security Policy (SECURITY.md)';
/** Not a reserved or fill-in domain: the command refuses those (mail sent there never arrives). */
export const POLICY_CONTACT = 'security@secure-hygiene-fixture.dev';

/** Answers the prompts in their order: contact, location (SECURITY.md at the root), optional sections (as proposed). */
export async function answerPolicyPrompts(wb: Workbench): Promise<void> {
  const contact = await wb.waitForQuickInput(/security contact/i);
  assert.ok(contact.isInputBox, `the contact prompt is an input box: ${JSON.stringify(contact)}`);
  await wb.answerInput(/security contact/i, POLICY_CONTACT);
  const location = await wb.waitForQuickInput(/where to write it/i);
  assert.ok(location.items.some((item) => /SECURITY\.md/.test(item)), `the location prompt offers SECURITY.md: ${JSON.stringify(location.items)}`);
  await wb.acceptQuickPick(/^SECURITY\.md$/);
  await wb.waitForQuickInput(/optional sections/i);
  await wb.acceptQuickPick();
}
