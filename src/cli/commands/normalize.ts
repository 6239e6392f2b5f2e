import { createColors } from 'picocolors';
import { formatYears } from '../../commands/shared/text';
import { UserError } from '../../services/errors';
import { createNormalizer } from '../../services/normalize';
import { normalizePostingText } from '../../services/postings/compose';
import type { Posting } from '../../services/postings/schema';
import { createRoleDirectory } from '../../services/roles';
import { postingExperience } from '../../services/summary/aggregate';
import { loadRoles, loadTaxonomy } from '../../services/taxonomy/load';
import { str } from '../args';
import { columns, padColumns } from '../render';
import { readTextFile } from '../runtime';
import type { CliCommand } from './types';

/** Far more than any posting; past it the text is not a posting. */
const MAX_NORMALIZE_CHARS = 50_000;

/** Prints what the normalizer makes of a posting read on stdin (or from a file); needs no store. */
export const normalizeCommand: CliCommand = {
  name: 'normalize',
  about: 'cli.about.normalize',
  syntax: (t) =>
    `[${t('cli.arg.file')}] [--role <${t('field.role')}>] [--json]   < ${t('cli.arg.posting-file')}`,
  flags: { role: { type: 'string' } },
  maxPositionals: 1,
  pages: true,
  async run(args, io) {
    const { t, locale } = args;
    const path = args.positionals[0];
    if (!path && process.stdin.isTTY && io.stderrIsTTY) io.stderr(t('cli.normalize.paste'));
    // Four bytes a character at most: what is cut off here was over the character limit anyway.
    const maxBytes = MAX_NORMALIZE_CHARS * 4;
    const text = path ? await readTextFile(path, maxBytes) : await io.readStdin(maxBytes);
    if (text.trim() === '') throw new UserError('input.empty', { field: 'requirements' });
    if (text.length > MAX_NORMALIZE_CHARS) {
      throw new UserError('input.too-long', { field: 'requirements', max: MAX_NORMALIZE_CHARS });
    }
    const roleName = str(args.values.role);
    const role = roleName === undefined ? undefined : createRoleDirectory(loadRoles()).resolve(roleName);
    if (roleName !== undefined && !role) throw new UserError('role.unknown', { role: roleName.slice(0, 50) });
    const normalizer = createNormalizer(loadTaxonomy());
    const items = normalizePostingText(normalizer, text, '', role?.id);
    const described = items.map((item) => ({
      text: item.text,
      section: item.section,
      skills: item.skills.map(({ id, implied }) => {
        const skill = normalizer.skill(id);
        return {
          id,
          label: skill?.label ?? id,
          ...(skill?.labelKo && skill.labelKo !== skill.label ? { labelKo: skill.labelKo } : {}),
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
    const c = createColors(args.style.color);
    const tags = { required: t('normalize.required'), preferred: t('normalize.preferred') };
    const width = Math.max(...Object.values(tags).map((tag) => columns(tag))) + 3;
    const lines: string[] = [];
    let implied = false;
    for (const item of described) {
      const skills = item.skills.map((s) => {
        const label = locale === 'ko' ? (s.labelKo ?? s.label) : s.label;
        implied ||= s.implied === true;
        return s.implied ? c.dim(`(${label})`) : c.bold(label);
      });
      const facts = [...skills];
      const e = item.experience;
      if (e?.maxYears !== undefined && e.maxYears > e.minYears) {
        facts.push(
          e.minYears > 0
            ? t('posting.experience-range', { min: formatYears(e.minYears), max: formatYears(e.maxYears) })
            : t('posting.experience-up-to', { max: formatYears(e.maxYears) }),
        );
      } else if (e && e.minYears > 0) {
        facts.push(t('posting.experience-years', { years: formatYears(e.minYears) }));
      }
      if (e?.junior) facts.push(t('posting.experience-junior'));
      lines.push(`${c.cyan(padColumns(`[${tags[item.section]}]`, width))}${item.text}`);
      lines.push(`${' '.repeat(width)}→ ${facts.join(' · ') || c.dim(t('normalize.no-skills'))}`);
    }
    if (implied) lines.push('', c.dim(t('posting.implied-legend')));
    io.stdout(lines.join('\n'));
    return 0;
  },
};
