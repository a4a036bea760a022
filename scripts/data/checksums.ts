/**
 * Known checksums of the four official Fashion-MNIST files.
 * - gzipMd5: the MD5 of each .gz file as published in the dataset's README.
 * - rawSha256: SHA-256 of the decompressed IDX bytes. Distributions may recompress the
 *   archives (Debian's dataset-fashion-mnist does: same content, different gzip bytes),
 *   so a file is also accepted when its decompressed content has this hash. Recorded
 *   from a copy whose content passed the IDX checks; the content is the official one.
 */
export interface OfficialFile {
  readonly name: string;
  readonly gzipMd5: string;
  readonly rawSha256: string;
}

export const OFFICIAL_BASE_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

export const OFFICIAL_FILES = {
  trainImages: {
    name: 'train-images-idx3-ubyte.gz',
    gzipMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
    rawSha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888',
  },
  trainLabels: {
    name: 'train-labels-idx1-ubyte.gz',
    gzipMd5: '25c81989df183df01b3e8a0aad5dffbe',
    rawSha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9',
  },
  testImages: {
    name: 't10k-images-idx3-ubyte.gz',
    gzipMd5: 'bef4ecab320f06d8554ea6380940ec79',
    rawSha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b',
  },
  testLabels: {
    name: 't10k-labels-idx1-ubyte.gz',
    gzipMd5: 'bb300cfdad3c16e7a12a480ee83cd310',
    rawSha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34',
  },
} as const satisfies Record<string, OfficialFile>;
