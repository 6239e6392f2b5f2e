import { type Clock, systemClock } from './clock';
import { createDigestService } from './digest';
import { createExportService } from './export/service';
import { createRoleInference } from './import/infer-role';
import { createImportService } from './import/service';
import { createNormalizer } from './normalize';
import { createPostingService } from './postings/service';
import { createRadarService } from './radar';
import { createRoleDirectory } from './roles';
import type { Store } from './store/repository';
import { createSummaryService } from './summary';
import { loadRoles, loadTaxonomy } from './taxonomy/load';
import type { RoleTable, Taxonomy } from './taxonomy/schema';

export interface ServiceOptions {
  store: Store;
  clock?: Clock;
  taxonomy?: Taxonomy;
  roles?: RoleTable;
}

/** Everything the product does, wired to one store and one clock. Discord-free. */
export function createServices({ store, clock = systemClock, taxonomy, roles }: ServiceOptions) {
  const normalizer = createNormalizer(taxonomy ?? loadTaxonomy());
  const roleTable = roles ?? loadRoles();
  const roleDirectory = createRoleDirectory(roleTable);
  const postings = createPostingService({ store, clock, normalizer, roles: roleDirectory });
  const summary = createSummaryService({ postings, normalizer, roles: roleDirectory });
  const digest = createDigestService({ store, clock, postings, summary, normalizer, roles: roleDirectory });
  const inference = createRoleInference(normalizer, roleTable);
  const imports = createImportService({ store, clock, postings, roles: roleDirectory, inference });
  const exports = createExportService({ postings, summary, roles: roleDirectory, imports });
  const radar = createRadarService({ store, clock, normalizer, roles: roleDirectory, postings, summary });
  return {
    store,
    clock,
    normalizer,
    roles: roleDirectory,
    postings,
    summary,
    digest,
    imports,
    exports,
    radar,
  };
}
export type Services = ReturnType<typeof createServices>;
