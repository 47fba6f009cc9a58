import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';

describe('attachments configuration', () => {
  it('stores on local disk under DATA_DIR/attachments with a 25 MB ceiling and a day’s grace for unreferenced uploads by default', () => {
    const c = loadConfig({ DATA_DIR: '/var/lib/staffroom' }).attachments;
    expect(c).toEqual({ storage: 'local', dir: path.resolve('/var/lib/staffroom/attachments'), maxBytes: 25 * 1024 ** 2, unreferencedTtlHours: 24, s3: null });
  });

  it('reads S3-compatible storage settings (MinIO: endpoint and path-style)', () => {
    const c = loadConfig({
      ATTACHMENTS_STORAGE: 's3',
      ATTACHMENTS_S3_BUCKET: 'staffroom-files',
      ATTACHMENTS_S3_ENDPOINT: 'http://minio.internal:9000',
      ATTACHMENTS_S3_FORCE_PATH_STYLE: 'on',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'id',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret',
    }).attachments;
    expect(c.s3).toEqual({ bucket: 'staffroom-files', region: 'us-east-1', endpoint: 'http://minio.internal:9000', forcePathStyle: true, prefix: 'attachments/', credentials: { accessKeyId: 'id', secretAccessKey: 'secret' } });
  });

  it('refuses S3 without a bucket, and one S3 key without the other, naming the variables', () => {
    expect(() => loadConfig({ ATTACHMENTS_STORAGE: 's3' })).toThrow(/ATTACHMENTS_S3_BUCKET/);
    expect(() => loadConfig({ ATTACHMENTS_STORAGE: 's3', ATTACHMENTS_S3_BUCKET: 'b', ATTACHMENTS_S3_ACCESS_KEY_ID: 'id' })).toThrow(ConfigError);
    expect(() => loadConfig({ ATTACHMENTS_MAX_BYTES: '12' })).toThrow(/ATTACHMENTS_MAX_BYTES/);
  });
});
