import type { Migration } from "kysely";
import type { DialectAdapter } from "../dialect/index.js";
import { initial } from "./0001-initial.js";
import { accounts } from "./0002-accounts.js";
import { workflow } from "./0003-workflow.js";
import { mediaVariants } from "./0004-media-variants.js";
import { viewsMigration } from "./0005-views.js";
import { commentsMigration } from "./0006-comments.js";
import { searchMigration } from "./0007-search.js";
import { searchRowLayoutMigration } from "./0008-search-row-layout.js";
import { searchFilterKeysMigration } from "./0009-search-filter-keys.js";
import { redirectsMigration } from "./0010-redirects.js";
import { pagesMigration } from "./0011-pages.js";
import { importSourcesMigration } from "./0012-import-sources.js";
import { dataVersionsMigration } from "./0013-data-versions.js";
import { mediaDescriptionsMigration } from "./0014-media-descriptions.js";
import { importRunsMigration } from "./0015-import-runs.js";
import { articleSearchFieldsMigration } from "./0017-article-search-fields.js";
import { commenterTokensMigration } from "./0018-commenter-tokens.js";
import { viewAddressCapMigration } from "./0019-view-address-cap.js";
import { changeEventsMigration } from "./0020-change-events.js";
import { publishOverridesMigration } from "./0022-publish-overrides.js";
import { liveUpdatesMigration } from "./0024-live-updates.js";
import { mediaDurationsMigration } from "./0025-media-durations.js";
import { revisionSnapshotTextMigration } from "./0026-revision-snapshot-text.js";
import { emailMigration } from "./0027-email.js";
import { consentNotesMigration } from "./0030-consent-notes.js";

/**
 * Every migration, in order, for one database. Names sort in the order they run; never rename or
 * edit one that has shipped: add the next instead.
 */
export function buildMigrations(adapter: DialectAdapter): Record<string, Migration> {
  return {
    "0001_initial": initial(adapter),
    "0002_accounts": accounts(adapter),
    "0003_workflow": workflow(adapter),
    "0004_media_variants": mediaVariants(adapter),
    "0005_views": viewsMigration(adapter),
    "0006_comments": commentsMigration(adapter),
    "0007_search": searchMigration(adapter),
    "0008_search_row_layout": searchRowLayoutMigration(adapter),
    "0009_search_filter_keys": searchFilterKeysMigration(adapter),
    "0010_redirects": redirectsMigration(adapter),
    "0011_pages": pagesMigration(adapter),
    "0012_import_sources": importSourcesMigration(adapter),
    "0013_data_versions": dataVersionsMigration(),
    "0014_media_descriptions": mediaDescriptionsMigration(),
    "0015_import_runs": importRunsMigration(adapter),
    "0017_article_search_fields": articleSearchFieldsMigration(),
    "0018_commenter_tokens": commenterTokensMigration(),
    "0019_view_address_cap": viewAddressCapMigration(),
    "0020_change_events": changeEventsMigration(adapter),
    "0022_publish_overrides": publishOverridesMigration(adapter),
    "0024_live_updates": liveUpdatesMigration(adapter),
    "0025_media_durations": mediaDurationsMigration(),
    "0026_revision_snapshot_text": revisionSnapshotTextMigration(adapter),
    "0027_email": emailMigration(adapter),
    "0030_consent_notes": consentNotesMigration(),
  };
}
