import { Module } from '@nestjs/common';
import { UnsubscribeController } from './unsubscribe.controller.js';
import { AccessModule } from '#access';
import { BoardModule } from '#board';
import { RemindersDataModule } from '#reminders';
import { TrackingModule } from '#tracking';
import { AccountMailModule } from '../accounts/account-mail.module.js';
import { reportUploads } from '../http/report-uploads.js';
import { AccountLinksController } from './account-links.controller.js';
import { AccountPagesController } from './account-pages.controller.js';
import { BoardPagesController } from './board-pages.controller.js';
import { MeetingPagesController } from './meeting-pages.controller.js';
import { ActionPagesController } from './action-pages.controller.js';
import { ChairReviewController } from './chair-review.controller.js';
import { CouncilDataController } from './council-data.controller.js';
import { DashboardController } from './dashboard.controller.js';
import { AddActionPageController } from './add-action-page.controller.js';
import { GovernanceQueuesController } from './governance-queues.controller.js';
import { PageShell } from './page-shell.service.js';
import { QueuePageController } from './queue-page.controller.js';
import { RemindersApiModule } from '../reminders/reminders-api.module.js';
import { ReportUploadController } from './report-upload.controller.js';
import { SignInController } from './sign-in.controller.js';
import { SingleSignOnController } from './single-sign-on.controller.js';
import { OidcClient } from '../auth/oidc-client.js';
import { ContactPagesController } from './contact-pages.controller.js';
import { TeamPagesController } from './team-pages.controller.js';
import { TeamWorkController } from './team-work.controller.js';
import { TriageController } from './triage.controller.js';
import { UserPagesController } from './user-pages.controller.js';
import { UploadCorrectionsController } from './upload-corrections.controller.js';
import { UploadPreview } from './upload-preview.service.js';

/** The pages for improvement boards and LSCB chairs, served beside the API at the site's root. */
@Module({
  imports: [AccessModule, TrackingModule, BoardModule, RemindersDataModule, RemindersApiModule, AccountMailModule, reportUploads()],
  controllers: [
    UnsubscribeController,
    BoardPagesController,
    MeetingPagesController,
    SignInController,
    SingleSignOnController,
    AccountLinksController,
    DashboardController,
    GovernanceQueuesController,
    TriageController,
    ActionPagesController,
    AddActionPageController,
    ChairReviewController,
    ReportUploadController,
    TeamPagesController,
    UserPagesController,
    ContactPagesController,
    CouncilDataController,
    QueuePageController,
    UploadCorrectionsController,
    AccountPagesController,
    TeamWorkController,
  ],
  providers: [PageShell, UploadPreview, OidcClient],
})
export class WebModule {}
