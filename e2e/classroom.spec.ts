/**
 * A class experiment end to end, on the real relay process (scripts/classroom/server.ts, which
 * also serves the built app): an instructor opens a class varying the dropout rate, three
 * students (three contexts of one browser) join by the link and each trains a tiny run; the relay
 * is killed mid-run and started again; a student reloads mid-run; a hostile raw client writes
 * malformed, oversized and other-student entries; the instructor reloads. Nothing is lost.
 * A student shares their model and the instructor loads it: it classifies as on the student's page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { KEY_BYTES, randomToken, STUDENT_SECRET_BYTES, studentIdForSecret } from '../src/features/classroom/roomKeys';
import { RawClassClient } from '../scripts/classroom/rawClient';
import { ClassroomServer } from './classroomServer';
import { ClassifyPanel, fixture } from './pages/classify';
import { PlaygroundPage } from './pages/playground';
import { recordCsp } from './cspRecorder';

const relay = new ClassroomServer(Number(process.env.E2E_CLASS_PORT ?? 4236));
// Small runs: 2 epochs of 2,400 training examples, so the relay can be killed while they train.
const SETUP = '?trainSize=3000&testSize=500&epochs=2&validationSplit=0.2';

test.beforeAll(async () => {
  await relay.start();
});

test.afterAll(async () => {
  await relay.stop();
});

async function joinAsStudent(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('class-assigned')).toContainText(/Your dropout rate: (0|0\.5)$/);
  // The assignment's settings are applied (and mirrored to the address).
  await expect(page).toHaveURL(/trainSize=3000/);
  await expect(page).toHaveURL(/epochs=2/);
  return page;
}

/** The active model's prediction for one uploaded photo (a single input: the first prediction shown is the final one). */
async function predictionOf(page: Page): Promise<string> {
  await new PlaygroundPage(page).show('Classify');
  const classify = new ClassifyPanel(page);
  await classify.upload(fixture('trouser-photo.png', 'image/png'));
  await expect(classify.prediction).toContainText(/Most likely: .+ \(\d+ %\)/);
  return (await classify.prediction.textContent()) ?? '';
}

const train = async (page: Page) => {
  const button = page.getByRole('button', { name: 'Train', exact: true });
  await expect(button).toBeEnabled({ timeout: 120_000 });
  await button.click();
};

test('a class experiment: three students, a relay restart, a reload, a hostile client, nothing lost', async ({ browser }) => {
  test.setTimeout(900_000);
  const instructorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const instructor = await instructorContext.newPage();
  const csp = await recordCsp(instructor);
  await instructor.goto(`${relay.origin}/${SETUP}&view=class&instructor=1`);
  await expect(instructor.getByRole('heading', { name: 'Open a class experiment' })).toBeVisible();
  await instructor.getByLabel('The class varies').selectOption('dropout');
  await instructor.getByLabel('Values to try (comma-separated)').fill('0, 0.5');
  await instructor.getByRole('button', { name: 'Open the class' }).click();
  const link = await instructor.getByTestId('student-link').getAttribute('href');
  expect(link).toMatch(/\?view=class#class=[A-Za-z0-9_-]{22}$/);
  // The instructor's key is not in the address bar (nor in the students' link).
  expect(instructor.url()).not.toContain('key=');
  await expect(instructor.getByRole('img', { name: "QR code of the students' join link" })).toBeVisible();

  const students = [await joinAsStudent(browser, link!), await joinAsStudent(browser, link!), await joinAsStudent(browser, link!)];
  // Round-robin by join order: 0, 0.5, 0.
  await expect(students[0].getByTestId('class-assigned')).toHaveText('Your dropout rate: 0');
  await expect(students[1].getByTestId('class-assigned')).toHaveText('Your dropout rate: 0.5');
  await expect(students[2].getByTestId('class-assigned')).toHaveText('Your dropout rate: 0');
  await students[0].getByLabel('Your name on the class screen (optional)').fill('Ada');
  await expect(instructor.getByRole('heading', { name: 'Students: 3 joined, 3 online' })).toBeVisible();

  for (const page of students) await train(page);
  const roster = instructor.getByRole('list', { name: 'Students' });
  await expect(roster.getByText(/training: epoch/).first()).toBeVisible({ timeout: 120_000 });

  // The relay dies mid-run: students keep training, and reconnect when it is back.
  await relay.kill();
  for (const page of students) await expect(page.getByTestId('class-status')).toContainText('Reconnecting', { timeout: 60_000 });
  await expect(instructor.getByTestId('class-status')).toContainText('Reconnecting');
  await relay.start();
  // Student 3 reloads mid-run (the relay serves the page too, so once it is back), then trains again.
  await expect(students[2].getByTestId('class-status')).toHaveText('Connected to the class relay.', { timeout: 60_000 });
  await students[2].reload();
  await expect(students[2].getByTestId('class-assigned')).toHaveText('Your dropout rate: 0', { timeout: 60_000 });
  await train(students[2]);

  const leaderboard = instructor.getByRole('table', { name: 'Leaderboard' });
  await expect(leaderboard.locator('tbody tr')).toHaveCount(3, { timeout: 600_000 });
  await expect(instructor.getByRole('heading', { name: 'Students: 3 joined, 3 online' })).toBeVisible();
  await expect(leaderboard.getByRole('rowheader', { name: 'Ada' })).toBeVisible();
  const perValue = instructor.getByRole('table', { name: 'Final test accuracy per value' });
  await expect(perValue.getByRole('row', { name: /^0 2 0 / })).toBeVisible();
  await expect(perValue.getByRole('row', { name: /^0\.5 1 0 / })).toBeVisible();
  await expect(instructor.getByText(/^Final test accuracy by dropout rate: 0: mean \d/)).toBeVisible();
  for (const page of students) await expect(page.getByTestId('class-sent')).toContainText('test accuracy');
  // Ada shares her model (only now do weights leave her tab); the instructor loads it, and it
  // classifies a photo exactly as on Ada's page.
  const ada = students[0];
  await expect(ada.getByTestId('class-share-status')).toHaveText('Nothing shared yet.');
  await ada.getByRole('button', { name: 'Share my model' }).click();
  await expect(ada.getByTestId('class-share-status')).toContainText(/^Shared with the class: Ada: .+, \d+ KB, at /, { timeout: 60_000 });
  const sharedModels = instructor.getByRole('table', { name: 'Shared models' });
  await sharedModels.getByRole('button', { name: "Load Ada's model" }).click();
  await expect(sharedModels.getByRole('status')).toContainText("Ada's model (Ada: ", { timeout: 60_000 });
  await expect(sharedModels.getByRole('status')).toContainText('is now the active model');
  const adasPrediction = await predictionOf(ada);
  await new PlaygroundPage(ada).show('Class');
  await sharedModels.getByRole('button', { name: 'Classify a drawing with it' }).click();
  const classify = new ClassifyPanel(instructor);
  await classify.upload(fixture('trouser-photo.png', 'image/png'));
  await expect(classify.prediction).toHaveText(adasPrediction);
  await new PlaygroundPage(instructor).show('Class');
  await expect(sharedModels.getByRole('row', { name: /^Ada / })).toBeVisible();

  // The board and a student's panel pass the accessibility checks.
  for (const page of [instructor, students[0]]) expect((await new AxeBuilder({ page }).include('main').analyze()).violations.map((v) => `${v.id}: ${v.nodes[0]?.html}`)).toEqual([]);

  // A hostile client with a student secret of its own.
  const url = `ws://127.0.0.1:${relay.port}/class-relay/${link!.split('#class=')[1]}`;
  const secret = randomToken(STUDENT_SECRET_BYTES);
  const mallory = await studentIdForSecret(secret);
  const hostile = await RawClassClient.connect(`${url}?student=${secret}`);
  const victim = [...hostile.doc.getMap('entries').keys()].find((k) => k !== mallory)!;
  const notes = instructor.getByRole('region', { name: 'Notes' });
  hostile.write((doc) => doc.getMap('entries').set(mallory, { v: 1, name: 'Mallory', choice: null, run: { test: { accuracy: 2 } } }));
  await expect(notes).toContainText(/Not shown: the entry of Student 4 \([\w-]+\), because it is malformed/);
  hostile.write((doc) => doc.getMap('entries').set(mallory, { v: 1, name: 'x'.repeat(100_000), choice: null, run: null }));
  await expect(notes).toContainText(/because it is too large/);
  hostile.write((doc) => doc.getMap('entries').set(victim, { v: 1, name: 'pwned', choice: null, run: null }));
  await hostile.waitFor(() => hostile.denied.length === 1, 20_000, 'the refusal');
  await expect(notes).toContainText(/refused an update from student [\w-]+: it writes student [\w-]+'s entry/);
  // A message over the relay's limit closes the connection.
  hostile.sendUpdate(new Uint8Array(300 * 1024));
  await hostile.waitFor(() => hostile.closeCode !== null, 20_000, 'the relay closing the hostile connection');
  await expect(notes).toContainText(/a message was larger than 256 KB/);
  await expect(leaderboard.locator('tbody tr')).toHaveCount(3);
  await expect(leaderboard).not.toContainText('pwned');

  // The instructor reloads: everything sent so far is back.
  await instructor.reload();
  await expect(leaderboard.locator('tbody tr')).toHaveCount(3, { timeout: 60_000 });
  await expect(instructor.getByRole('heading', { name: /Students: 4 joined/ })).toBeVisible();
  await expect(notes).toContainText(/because it is too large/);
  expect(await csp.violations()).toEqual([]);
  // Honest students were never refused anything.
  expect(relay.output.join('')).not.toMatch(/refused an update from student (?!.*(entry|larger))/);
  hostile.close();
  // A wrong instructor key is turned away.
  const impostor = await RawClassClient.connect(`${url}?key=${randomToken(KEY_BYTES)}`);
  expect(impostor.closeCode).toBe(4401);
});
