import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AttachmentStorage } from './storage';

/** Where and how to reach the bucket (AWS S3, MinIO, Ceph, R2, …). */
export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For S3-compatible services; unset means AWS. */
  endpoint?: string | undefined;
  /** Bucket in the path (MinIO and most self-hosted services) rather than in the host name. */
  forcePathStyle: boolean;
  /** Prepended to every key, e.g. `attachments/`. */
  prefix: string;
  /** Unset: the AWS default chain (environment, shared files, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
}

/** Objects in an S3-compatible bucket. The SDK streams the upload from the finished temporary file. */
export function createS3Storage(o: S3StorageOptions): AttachmentStorage & { client: S3Client } {
  const client = new S3Client({
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.forcePathStyle,
    credentials: o.credentials,
    // Checksums only where S3 requires them: many S3-compatible services reject the SDK's default
    // aws-chunked uploads with trailing checksums. Integrity is kept by the sha256 in the metadata row.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Key = (key: string) => `${o.prefix}${key}`;
  return {
    kind: 's3',
    client,
    async putFile(key, sourcePath, info) {
      await client.send(
        new PutObjectCommand({ Bucket: o.bucket, Key: Key(key), Body: createReadStream(sourcePath), ContentLength: info.size, ContentType: info.mime }),
      );
      await rm(sourcePath, { force: true });
    },
    async open(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: o.bucket, Key: Key(key) }));
        return out.Body instanceof Readable ? out.Body : null;
      } catch (e) {
        if (e instanceof NoSuchKey || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw e;
      }
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: o.bucket, Key: Key(key) }));
    },
  };
}
