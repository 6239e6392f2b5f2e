import { UserError } from '../../services/errors';
import { createNormalizer } from '../../services/normalize';
import { normalizePostingText } from '../../services/postings/compose';
import type { Posting } from '../../services/postings/schema';
import { postingExperience } from '../../services/summary/aggregate';
import { loadTaxonomy } from '../../services/taxonomy/load';
import type { CliCommand } from './types';

/** Far more than any posting; past it the text is not a posting. */
const MAX_NORMALIZE_CHARS = 50_000;

/** Prints what the normalizer makes of a posting read on stdin; needs no store. */
export const normalizeCommand: CliCommand = {
  name: 'normalize',
  usage: 'normalize [--json] < posting.txt',
  options: {},
  async run(args, io) {
    const normalizer = createNormalizer(loadTaxonomy());
    // Four bytes a character at most: what is cut off here was over the character limit anyway.
    const text = await io.readStdin(MAX_NORMALIZE_CHARS * 4);
    if (text.trim() === '') throw new UserError('input.empty', { field: 'requirements' });
    if (text.length > MAX_NORMALIZE_CHARS) {
      throw new UserError('input.too-long', { field: 'requirements', max: MAX_NORMALIZE_CHARS });
    }
    const items = normalizePostingText(normalizer, text, '');
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
      const years = item.experience
        ? ` [${item.experience.minYears}y${item.experience.junior ? ', junior' : ''}]`
        : '';
      io.stdout(`${item.section === 'required' ? 'R' : 'P'} ${item.text}\n    → ${skills || '-'}${years}`);
    }
    return 0;
  },
};
