import { expect, test, type Page } from '@playwright/test';
import { LabPage } from './lab-pages';

/**
 * The lab when things go wrong: storage refused or full, a part of the lab that fails to download,
 * another tab on the same world, a damaged save. Each test injects one fault, checks what the
 * learner is told, and proves nothing was lost.
 */

// The service worker would answer chunk requests from its cache, out of page.route's reach.
test.use({ serviceWorkers: 'block' });

/** Makes IndexedDB refuse to open, as a browser with storage blocked does. */
async function refuseIndexedDb(page: Page): Promise<void> {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open(): IDBOpenDBRequest {
      throw new DOMException('Storage is blocked for this site.', 'SecurityError');
    };
  });
}

/** Lets the test make writes to one object store fail with QuotaExceededError (`window.__failWrites`). */
async function quotaSwitch(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __failWrites: string[] };
    w.__failWrites = [];
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function patchedPut(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (w.__failWrites.includes(this.name)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}

async function failWrites(page: Page, stores: string[]): Promise<void> {
  await page.evaluate((names) => {
    (window as unknown as { __failWrites: string[] }).__failWrites = names;
  }, stores);
}

async function launch(lab: LabPage, name: string): Promise<void> {
  const form = lab.form('Launch an instance');
  await form.getByLabel('Name tag').fill(name);
  await form.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(lab.resource(new RegExp(name))).toBeVisible();
}

test.describe('the lab when things go wrong', () => {
  test('storage refused: the lab works for the visit and says progress is not being saved', async ({ page }) => {
    await refuseIndexedDb(page);
    const lab = new LabPage(page);
    await lab.open('/lab/bake-an-ami/');
    await expect(page.locator('[data-storage-notice]')).toContainText('Your progress is not being saved');
    await expect(page.getByText('Not saved: this browser keeps nothing')).toBeVisible();
    await launch(lab, 'in-memory');
    await lab.skipAhead();
    const output = await lab.run('aws ec2 describe-instances --filters Name=tag:Name,Values=in-memory');
    expect(output).toContain('"running"');
    await page.getByRole('button', { name: 'Show a hint' }).click();
    await expect(page.getByRole('button', { name: /Show another hint/ })).toBeVisible();
  });

  test('storage full on save: the learner is told, the world is kept, Retry saves it, and a reload shows it', async ({ page }) => {
    await quotaSwitch(page);
    const lab = new LabPage(page);
    await lab.open('/lab/');
    await lab.reset();
    await lab.waitSaved();
    await failWrites(page, ['sessions']);
    await launch(lab, 'kept-in-memory');
    const problem = page.getByRole('alert').filter({ hasText: 'Your latest changes are not saved yet' });
    await expect(problem).toContainText('storage is full');
    await expect(page.getByText('Not saved', { exact: true })).toBeVisible();
    // Still there, and still usable, while it cannot be saved.
    await expect(lab.resource(/kept-in-memory/)).toBeVisible();

    await failWrites(page, []);
    await problem.getByRole('button', { name: 'Retry saving' }).click();
    await lab.waitSaved();
    await expect(problem).toHaveCount(0);
    await page.reload();
    await lab.ready();
    await expect(lab.resource(/kept-in-memory/)).toBeVisible();
  });

  test('storage full on a progress write: the hint stays shown, the learner is told, Retry saves it', async ({ page }) => {
    await quotaSwitch(page);
    const lab = new LabPage(page);
    await lab.open('/lab/share-a-golden-ami-with-a-partner/');
    await lab.reset();
    await lab.waitSaved();
    await failWrites(page, ['progress']);
    await page.getByRole('button', { name: 'Show a hint' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Your scenario progress (goals met, hints) is not saved yet' });
    await expect(problem).toContainText('storage is full');
    await expect(page.getByRole('button', { name: /Show another hint/ })).toBeVisible();

    await failWrites(page, []);
    await problem.getByRole('button', { name: 'Retry saving progress' }).click();
    await expect(problem).toHaveCount(0);
    await page.reload();
    await lab.ready();
    await expect(page.getByRole('button', { name: /Show another hint/ })).toBeVisible();
  });

  test('the sandbox on /lab/ loads nothing until the learner comes to it; a failed download says so, Retry loads it, and a second failure offers a reload', async ({ page }) => {
    const labCode: string[] = [];
    page.on('request', (request) => {
      if (/\/_astro\/(DeferredLab|LabApp|client)\.[^/]*\.js$/.test(request.url())) labCode.push(request.url());
    });
    let offline = true;
    await page.route(/\/_astro\/LabApp\.[^/]*\.js$/, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
    await page.goto('/lab/');
    await page.waitForLoadState('networkidle');
    // Below the scenario list and not yet near the viewport: neither the lab nor React was fetched.
    expect(labCode).toEqual([]);
    await page.locator('[data-lab-deferred]').scrollIntoViewIfNeeded();
    const problem = page.getByRole('alert').filter({ hasText: 'could not be downloaded' });
    await expect(problem).toHaveText(/^The lab could not be downloaded \(are you offline\?\)/);
    await expect(problem.getByRole('button', { name: 'Reload the page' })).toHaveCount(0);
    await problem.getByRole('button', { name: 'Retry' }).click();
    await expect(problem).toContainText('The lab still could not be downloaded. If your connection is back, reload the page');
    await expect(problem.getByRole('button', { name: 'Reload the page' })).toBeVisible();
    offline = false;
    await problem.getByRole('button', { name: 'Retry' }).click();
    await expect(page.locator('[data-lab-ready="true"]')).toBeVisible();
    await expect(problem).toHaveCount(0);
  });

  test('parts that fail to download: messages with Retry, no dead clicks, and the typed command is not lost', async ({ page }) => {
    const blocked = /\/_astro\/(Details|operations|console-cli)\.[^/]*\.js$/;
    await page.route(blocked, (route) => route.abort('internetdisconnected'));
    const lab = new LabPage(page);
    await lab.open('/lab/share-a-golden-ami-with-a-partner/');
    await lab.reset();

    // The console: the command stays in the input and the transcript says why it did not run.
    await lab.consoleInput.fill('aws ec2 describe-images --owners self');
    await lab.consoleInput.press('Enter');
    await expect(lab.consoleLog).toContainText('This command could not run. Part of the lab (the console or the EC2 API) could not be downloaded');
    await expect(lab.consoleInput).toHaveValue('aws ec2 describe-images --owners self');
    // Again: some browsers retry a failed download only after a reload, which the words now say.
    await lab.consoleInput.press('Enter');
    await expect(lab.consoleLog).toContainText(
      'Part of the lab (the console or the EC2 API) still could not be downloaded. If your connection is back and the lab says “All changes saved”, reload the page',
    );
    await expect(lab.consoleLog).toContainText('The command is still in the input: copy it before you reload.');
    await expect(lab.consoleInput).toHaveValue('aws ec2 describe-images --owners self');

    // Run: not a dead click, it says what is missing.
    await page.getByRole('button', { name: 'Run' }).click();
    const opsProblem = page.getByRole('alert').filter({ hasText: 'EC2 API and clock' });
    // The console's command and Run each tried to download it. After a second failure the words
    // point to the reload, once the world is saved: some browsers retry a failed download only then.
    await expect(opsProblem).toContainText('EC2 API and clock still could not be downloaded. If your connection is back and the lab says “All changes saved”, reload the page');

    // Details: says so, with its own Retry.
    await lab.resource(/golden-base/).click();
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText('could not be downloaded');

    await page.unroute(blocked);
    await opsProblem.getByRole('button', { name: 'Retry' }).click();
    await expect(opsProblem).toHaveCount(0);
    await details.getByRole('button', { name: 'Retry' }).click();
    await expect(lab.form('Launch permissions')).toBeVisible();

    // The same command, rerun from the input, now runs.
    await lab.consoleInput.press('Enter');
    await expect(lab.consoleLog).toContainText('golden-base');
    await expect(lab.consoleInput).toHaveValue('');
  });

  test('a second tab: the first hands over its unsaved change, and taking back over never brings back an older world', async ({ context }) => {
    const first = new LabPage(await context.newPage());
    await first.open('/lab/');
    await first.reset();
    await first.waitSaved();
    // A change not saved yet when the second tab opens: the first tab saves it before letting go.
    await launch(first, 'from-first');
    const second = new LabPage(await context.newPage());
    await second.open('/lab/');
    await expect(second.resource(/from-first/)).toBeVisible();
    await expect(first.page.getByRole('alert')).toContainText('This lab is open in another tab');

    // The second tab moves on; the first tab still shows its older world.
    await launch(second, 'from-second');
    await second.waitSaved();
    await expect(first.resource(/from-second/)).toHaveCount(0);

    // Taking over in the first tab loads the newer world rather than saving the older one over it.
    await first.page.getByRole('button', { name: 'Take over here' }).click();
    await expect(first.resource(/from-second/)).toBeVisible();
    await expect(second.page.getByRole('alert')).toContainText('This lab is open in another tab');
    await first.page.reload();
    await first.ready();
    await expect(first.resource(/from-second/)).toBeVisible();
    await expect(first.resource(/from-first/)).toBeVisible();
  });

  test('a damaged save: the learner is told where it is damaged, the lab starts fresh, other slots are untouched', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/');
    await lab.reset();
    await launch(lab, 'sandbox-world');
    await lab.waitSaved();
    await lab.open('/lab/bake-an-ami/');
    await lab.run('aws sts get-caller-identity');
    await lab.waitSaved();
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('ami-lab-lab');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const db = request.result;
            const store = db.transaction('sessions', 'readwrite').objectStore('sessions');
            const get = store.get('bake-an-ami');
            get.onerror = () => reject(get.error);
            get.onsuccess = () => {
              if (get.result === undefined) return reject(new Error('no saved scenario world'));
              store.put({ ...get.result, view: { ...get.result.view, accountId: 42 } });
              store.transaction.oncomplete = () => {
                db.close();
                resolve();
              };
            };
          };
        }),
    );
    await page.reload();
    await lab.ready();
    await expect(page.getByText(/Your saved world could not be read \(.*view\.accountId/)).toBeVisible();
    await expect(lab.form('Launch an instance')).toBeVisible();
    await lab.open('/lab/');
    await expect(lab.resource(/sandbox-world/)).toBeVisible();
  });
});
