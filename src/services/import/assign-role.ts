import { documentKeyOf, type ServerPostings, serverTwin } from './duplicates';
import type { DuplicateReport, ImportPlan, PlannedInput, PlannedPosting } from './report';

/**
 * The plan with a role chosen for the postings that needed one. Once they have a role they can repeat a
 * posting of the server or of the plan by content, so those become duplicates like any other.
 */
export async function assignRole(
  plan: ImportPlan,
  roleId: string,
  server: ServerPostings,
): Promise<ImportPlan> {
  const inputs: PlannedInput[] = [];
  const postings: PlannedPosting[] = [];
  const duplicates: DuplicateReport[] = [...plan.duplicates];
  const seen = new Map<string, number>();
  plan.inputs.forEach((input, i) => {
    const posting = plan.postings[i];
    if (posting && input.role !== null) seen.set(documentKeyOf(input, input.role), posting.line);
  });
  for (const [i, input] of plan.inputs.entries()) {
    const posting = plan.postings[i];
    if (!posting) continue;
    if (!posting.roleNeeded) {
      inputs.push(input);
      postings.push(posting);
      continue;
    }
    const who = {
      company: posting.company,
      ...(posting.title ? { title: posting.title } : {}),
      ...(posting.url ? { url: posting.url } : {}),
    };
    const key = documentKeyOf(input, roleId);
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      duplicates.push({ ...who, line: posting.line, of: 'document', firstLine });
      continue;
    }
    seen.set(key, posting.line);
    const existing = await serverTwin(server, input, roleId);
    if (existing) {
      duplicates.push({ ...who, line: posting.line, of: 'server', existing });
      continue;
    }
    const { roleNeeded: _needed, ...rest } = posting;
    inputs.push({ ...input, role: roleId });
    postings.push({ ...rest, role: roleId, roleId });
  }
  return {
    ...plan,
    inputs,
    postings,
    duplicates: duplicates.sort((a, b) => a.line - b.line),
    empty: inputs.length === 0,
  };
}
