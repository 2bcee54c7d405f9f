import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '#config';

/** Uploads of reports, one file up to MAX_UPLOAD_BYTES (413 above it), for the API and the pages alike. */
export function reportUploads() {
  return MulterModule.registerAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({ limits: { fileSize: config.MAX_UPLOAD_BYTES, files: 1 } }),
  });
}
