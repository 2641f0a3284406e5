import { Module } from '@nestjs/common';
import { CertificationProjectionRepository, FeedCursorStore } from './certification-projection.repository';

/** The API's copy of certification statuses: read by tasks and workflows, written by the feed consumer. */
@Module({
  providers: [CertificationProjectionRepository, FeedCursorStore],
  exports: [CertificationProjectionRepository, FeedCursorStore],
})
export class CertificationProjectionModule {}
