import { UserError } from '../../services/errors';
import { createNormalizer } from '../../services/normalize';
import { normalizePostingText } from '../../services/postings/compose';
import type { Posting } from '../../services/postings/schema';
import { createRoleDirectory } from '../../services/roles';
import { postingExperience } from '../../services/summary/aggregate';
import { loadRoles, loadTaxonomy } from '../../services/taxonomy/load';
import { str } from '../args';
import type { CliCommand } from './types';

/** Far more than any posting; past it the text is not a posting. */
const MAX_NORMALIZE_CHARS = 50_000;

/** Prints what the normalizer makes of a posting read on stdin; needs no store. */
export const normalizeCommand: CliCommand = {
  name: 'normalize',
  usage: 'normalize [--role R] [--json] < posting.txt',
  options: { role: { type: 'string' } },
  async run(args, io) {
    const normalizer = createNormalizer(loadTaxonomy());
    const text = await io.readStdin();
    if (text.trim() === '') throw new UserError('input.empty', { field: 'requirements' });
    if (text.length > MAX_NORMALIZE_CHARS) {
      throw new UserError('input.too-long', { field: 'requirements', max: MAX_NORMALIZE_CHARS });
    }
    const roleName = str(args.values.role);
    const role = roleName === undefined ? undefined : createRoleDirectory(loadRoles()).resolve(roleName);
    if (roleName !== undefined && !role) throw new UserError('role.unknown', { role: roleName.slice(0, 50) });
    const items = normalizePostingText(normalizer, text, '', role?.id);
    const described = items.map((item) => ({
      text: item.text,
      section: item.section,
      skills: item.skills.map(({ id, implied }) => {
        const skill = normalizer.skill(id);
        return {
          id,
          label: skill?.label ?? id,
          category: skill?.category,
          groups: skill?.groups ?? [],
          ...(implied ? { implied: true } : {}),
        };
      }),
      ...(item.experience ? { experience: item.experience, experienceYears: item.experience.minYears } : {}),
    }));
    const experience = postingExperience({ items } as Pick<Posting, 'items'>);
    if (args.json) {
      io.stdout(
        JSON.stringify({ taxonomyVersion: normalizer.version, items: described, experience }, null, 2),
      );
      return 0;
    }
    for (const item of described) {
      const skills = item.skills.map((s) => (s.implied ? `(${s.label})` : s.label)).join(', ');
      const e = item.experience;
      const span = e?.maxYears !== undefined ? `${e.minYears}-${e.maxYears}y` : `${e?.minYears}y`;
      const years = e ? ` [${span}${e.junior ? ', junior' : ''}]` : '';
      io.stdout(`${item.section === 'required' ? 'R' : 'P'} ${item.text}\n    → ${skills || '-'}${years}`);
    }
    return 0;
  },
};
