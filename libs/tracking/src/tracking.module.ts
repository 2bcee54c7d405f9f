import { Module } from '@nestjs/common';
import { AccessModule } from '#access';
import { AppConfig } from '#config';
import { ExtractionPool } from '#extraction';
import { RemindersDataModule } from '#reminders';
import { ActionPlanExportService } from './action-plan-export.service.js';
import { ActionPlanSupplements } from './action-plan-supplements.js';
import { ActionPlanRepository } from './action-plan.repository.js';
import { GovernanceRepository } from './governance.repository.js';
import { TeamRepository } from './team.repository.js';
import { EvidenceRepository } from './evidence.repository.js';
import { AuthorityRepository } from './authority.repository.js';
import { AuthoritiesService } from './authorities.service.js';
import { SeedRepository } from './seed.repository.js';
import { PendingUploadRepository } from './pending-upload.repository.js';
import { ActionsService } from './actions.service.js';
import { ActionRepository } from './action.repository.js';
import { ActionGovernanceService } from './action-governance.service.js';
import { EvidenceFilesService } from './evidence-files.service.js';
import { CouncilDataService } from './council-data/council-data.service.js';
import { CouncilDataRepository } from './council-data/council-data.repository.js';
import { JournalRetentionService } from './retention/journal-retention.service.js';
import { RetentionRepository } from './retention/retention.repository.js';
import { PendingUploadsService } from './pending-uploads.service.js';
import { IngestHooks } from './ingest-hooks.js';
import { ChallengeHooks } from './challenge-hooks.js';
import { ReportsService } from './reports.service.js';
import { ReportRepository } from './report.repository.js';
import { SummaryRepository } from './summary.repository.js';
import { SeedService } from './seed.service.js';
import { SummaryService } from './summary.service.js';
import { TeamsService } from './teams.service.js';
import { TeamWorkService } from './team-work.service.js';
import { TriageService } from './triage.service.js';

/** Uploaded files are read in threads of their own, within the configured limits. */
const extractionPool = {
  provide: ExtractionPool,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    new ExtractionPool({
      threads: config.EXTRACTION_THREADS,
      maxPdfPages: config.MAX_PDF_PAGES,
      timeLimitMs: config.PDF_TIME_LIMIT_MS,
      memoryMb: config.PDF_MEMORY_MB,
    }),
};

/** Tracking's I/O: one repository per set of tables. */
const REPOSITORIES = [
  ActionRepository,
  ReportRepository,
  GovernanceRepository,
  TeamRepository,
  CouncilDataRepository,
  EvidenceRepository,
  RetentionRepository,
  SummaryRepository,
  ActionPlanRepository,
  AuthorityRepository,
  SeedRepository,
  PendingUploadRepository,
];

/** The services other modules and the applications use. */
const SERVICES = [
  ActionsService,
  ActionGovernanceService,
  EvidenceFilesService,
  ReportsService,
  PendingUploadsService,
  TeamsService,
  SummaryService,
  SeedService,
  ActionPlanExportService,
  CouncilDataService,
  TriageService,
  JournalRetentionService,
  TeamWorkService,
  AuthoritiesService,
];

/** Where other libraries join in (ingestion, challenges, the action plan) without tracking importing them. */
const HOOKS = [IngestHooks, ChallengeHooks, ActionPlanSupplements];

@Module({
  imports: [AccessModule, RemindersDataModule],
  providers: [extractionPool, ...HOOKS, ...REPOSITORIES, ...SERVICES],
  exports: [ExtractionPool, ...HOOKS, ...SERVICES],
})
export class TrackingModule {}
