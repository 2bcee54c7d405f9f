import { Module } from '@nestjs/common';
import { AccessModule } from '#access';
import { RemindersDataModule } from '#reminders';
import { ActionPageCache } from './action-page.cache.js';
import { ActionPlanExportService } from './action-plan-export.service.js';
import { ActionsService } from './actions.service.js';
import { ActionGovernanceService } from './action-governance.service.js';
import { EvidenceFilesService } from './evidence-files.service.js';
import { CouncilDataService } from './council-data/council-data.service.js';
import { JournalRetentionService } from './retention/journal-retention.service.js';
import { PendingUploadsService } from './pending-uploads.service.js';
import { IngestHooks } from './ingest-hooks.js';
import { ReportsService } from './reports.service.js';
import { SeedService } from './seed.service.js';
import { SummaryService } from './summary.service.js';
import { TeamsService } from './teams.service.js';
import { TeamWorkService } from './team-work.service.js';
import { TriageService } from './triage.service.js';

@Module({
  imports: [AccessModule, RemindersDataModule],
  providers: [IngestHooks, ActionsService, ActionGovernanceService, EvidenceFilesService, ActionPageCache, ReportsService, PendingUploadsService, TeamsService, SummaryService, SeedService, ActionPlanExportService, CouncilDataService, TriageService, JournalRetentionService, TeamWorkService],
  exports: [IngestHooks, ActionsService, ActionGovernanceService, EvidenceFilesService, ActionPageCache, ReportsService, PendingUploadsService, TeamsService, SummaryService, SeedService, ActionPlanExportService, CouncilDataService, TriageService, JournalRetentionService, TeamWorkService],
})
export class TrackingModule {}
