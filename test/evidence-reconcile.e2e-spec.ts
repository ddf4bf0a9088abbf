// The evidence reconciler finds objects without a row and rows without their object (R1: "no evidence row without
// its object"), walking both sides in key order.
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { EvidenceReconciler } from '../apps/api/src/evidence/evidence.reconciler';
import { multipart } from '../libs/evidence/src/testing/http';
import { pdf } from '../libs/evidence/src/testing/samples';
import { exampleComplaint } from './support/complaints';
import { createOrg, createUser, randomUscc, startTestApp, type TestApp, type TestUser, testS3Client } from './support/test-app';

describe('evidence reconciler', () => {
  let t: TestApp;
  let s3: S3Client;
  let filer: TestUser;
  let uscc: string;

  beforeAll(async () => {
    s3 = testS3Client();
    await s3.send(new CreateBucketCommand({ Bucket: 'evidence' })).catch(() => undefined);
    t = await startTestApp();
    uscc = randomUscc();
    const org = await createOrg(t.ds, 'enterprise', { uscc });
    filer = await createUser(t, 'enterprise', org.id);
  });
  afterAll(async () => {
    await t.close();
    s3.destroy();
  });

  async function uploadOne(): Promise<{ caseId: string; id: string; key: string }> {
    const c = await t.http().post('/api/v1/complaints').set('authorization', `Bearer ${filer.token}`).send(exampleComplaint({ uscc }));
    const { body, contentType } = multipart([{ name: 'kind', value: 'other' }, { name: 'file', filename: 'a.pdf', data: pdf(randomUUID()) }]);
    const res = await t.http().post(`/api/v1/complaints/${c.body.id}/evidence`).set('authorization', `Bearer ${filer.token}`).set('content-type', contentType).send(body);
    expect(res.status).toBe(201);
    return { caseId: c.body.id, id: res.body.id, key: `cases/${c.body.id}/${res.body.id}` };
  }

  it('reports an object without a row and a row without its object, and nothing for healthy evidence', async () => {
    const healthy = await uploadOne();
    const lost = await uploadOne();
    await s3.send(new DeleteObjectCommand({ Bucket: 'evidence', Key: lost.key }));
    const strayKey = `cases/${randomUUID()}/${randomUUID()}`;
    await s3.send(new PutObjectCommand({ Bucket: 'evidence', Key: strayKey, Body: pdf('stray') }));

    const report = await t.app.get(EvidenceReconciler).findStragglers({ graceSeconds: 0 });
    expect(report.orphanObjects.map((o) => o.key)).toContain(strayKey);
    expect(report.missingObjects).toContainEqual(expect.objectContaining({ evidenceId: lost.id, caseId: lost.caseId, key: lost.key }));
    expect(report.orphanObjects.map((o) => o.key)).not.toContain(healthy.key);
    expect(report.missingObjects.map((m) => m.evidenceId)).not.toContain(healthy.id);
    expect(report.objectsChecked).toBeGreaterThanOrEqual(2);
    expect(report.rowsChecked).toBeGreaterThanOrEqual(2);
  });

  it('leaves recent unmatched objects to the grace period (uploads still committing)', async () => {
    const strayKey = `cases/${randomUUID()}/${randomUUID()}`;
    await s3.send(new PutObjectCommand({ Bucket: 'evidence', Key: strayKey, Body: pdf('recent') }));
    const report = await t.app.get(EvidenceReconciler).findStragglers({ graceSeconds: 3600 });
    expect(report.orphanObjects.map((o) => o.key)).not.toContain(strayKey);
    expect(report.recentUnmatched).toBeGreaterThanOrEqual(1);
  });
});
