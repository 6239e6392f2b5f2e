import { describe, expect, it } from 'vitest';
import { type ParsedPosting, parseResearchDocument } from '../src/services/import';
import { firstKnownRole } from './support/import';
import { allLayouts, describeLayout, type Layout, layoutPostings, renderLayout } from './support/layouts';

/** What the import must give back whatever the layout. */
const read = (p: ParsedPosting) => ({
  company: p.company,
  title: p.title,
  required: p.required,
  preferred: p.preferred,
});

const firstRole = firstKnownRole;

const layouts = allLayouts();

describe('one set of postings in every layout', () => {
  it('has layouts enough to mean something', () => {
    expect(layouts.length).toBeGreaterThan(200);
  });

  it.each(layouts.map((layout) => [describeLayout(layout), layout] as [string, Layout]))(
    '%s',
    (_name, layout) => {
      const postings = layoutPostings(layout.role);
      const markdown = renderLayout(postings, layout);
      const doc = parseResearchDocument(markdown);
      const context = `\n${markdown}`;
      expect(doc.postings.map(read), context).toEqual(
        postings.map((p) => ({
          company: p.company,
          title: p.title,
          required: p.required,
          preferred: p.preferred,
        })),
      );
      expect(
        doc.postings.map((p) => p.url),
        context,
      ).toEqual(postings.map((p) => (layout.link === 'none' ? undefined : p.url)));
      expect(doc.postings.every((p) => p.companyFound)).toBe(true);
      const role = layout.role === 'none' ? undefined : 'backend';
      expect(doc.postings.map(firstRole), context).toEqual(postings.map(() => role));
      expect(doc.authorSummary, context).toMatch(/^## 총평/);
    },
  );
});
