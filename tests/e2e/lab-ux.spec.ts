import { expect, type Locator, type Page, test } from '@playwright/test';
import { LabPage } from './lab-pages';
import { axeViolations } from './pages';

/**
 * The lab as a learner meets it, on a desktop and on a phone: forms that check what was left empty,
 * AWS's answer beside the control that asked, time and goals always in view, resources offering
 * only what AWS would accept in their state, destructive actions that ask first, a lifecycle
 * diagram that fits and speaks plainly, and consistent money.
 */

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** The lab passes axe in the state it is in. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), state).toEqual([]);
}

/** Launches from the launch form and waits for the instance to show in the world. */
async function launch(lab: LabPage, name: string): Promise<void> {
  const form = lab.form('Launch an instance');
  await form.getByLabel('Name tag').fill(name);
  await form.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(lab.outcomeIn(form)).toContainText('RunInstances succeeded');
  await expect(lab.resource(new RegExp(name))).toBeVisible();
}

/** The vertical gap between two elements, in pixels (0 when they overlap). */
async function gapBetween(a: Locator, b: Locator): Promise<number> {
  const boxA = await a.boundingBox();
  const boxB = await b.boundingBox();
  if (boxA === null || boxB === null) throw new Error('not laid out');
  const top = Math.max(boxA.y, boxB.y);
  const bottom = Math.min(boxA.y + boxA.height, boxB.y + boxB.height);
  return Math.max(0, top - bottom);
}

for (const size of WIDTHS) {
  test.describe(`the lab on a ${size.name} (${size.width} px)`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('forms check what was left empty, and AWS answers beside the control that asked', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/bake-an-ami/');
      await lab.reset();
      await launch(lab, 'builder');
      await lab.resource(/builder/).click();

      // Pending: what AWS would refuse now is disabled, with the reason.
      const configure = lab.form('Configure (install an app)');
      await expect(configure.getByRole('button', { name: 'Install' })).toBeDisabled();
      await expect(configure).toContainText('The instance must be running (it is pending).');
      const state = lab.details.getByRole('group', { name: 'Instance state' });
      await expect(state.getByRole('button', { name: 'Stop' })).toBeDisabled();
      await expect(state.getByRole('button', { name: 'Start' })).toBeDisabled();
      await lab.skipAhead();
      await expect(state.getByRole('button', { name: 'Stop' })).toBeEnabled();
      await expect(state.getByRole('button', { name: 'Start' })).toBeDisabled();
      await expect(state.getByRole('button', { name: 'Reboot' })).toBeEnabled();

      // Empty packages: nothing is sent; the field says so, is marked invalid and has the focus.
      const packages = configure.getByLabel('Packages to install');
      await expect(packages).not.toHaveAttribute('placeholder', /./);
      await expect(configure.getByText('(required)')).toBeVisible();
      await configure.getByRole('button', { name: 'Install' }).click();
      await expect(configure).toContainText('Enter at least one package name');
      await expect(packages).toHaveAttribute('aria-invalid', 'true');
      await expect(packages).toBeFocused();
      await expect(lab.lastRequest).not.toContainText('SendCommand');
      await packages.fill('nginx');
      await configure.getByRole('button', { name: 'Install' }).click();
      await expect(lab.outcomeIn(configure)).toContainText('SendCommand succeeded');
      await expect(lab.outcomeIn(configure)).toHaveAttribute('role', 'status');
      await expect(lab.lastRequest).toContainText('dnf install -y nginx');
      await expect(lab.lastRequest).not.toContainText('(nothing)');
      await expectAccessible(page, 'an instance running, a command sent');

      // A name AWS refuses: its error and tip appear under the button, not only in Last request.
      const create = lab.form('Create image');
      await create.getByRole('button', { name: 'Create image' }).click();
      await expect(create).toContainText('Enter a name for the image');
      await create.getByLabel('Image name').fill('ab');
      await create.getByRole('button', { name: 'Create image' }).click();
      const error = lab.outcomeIn(create);
      await expect(error).toContainText('InvalidAMIName.Malformed');
      await expect(error.getByRole('link')).toBeVisible();
      expect(await gapBetween(create.getByRole('button', { name: 'Create image' }), error)).toBeLessThan(40);
      await expect(lab.lastRequest).toContainText('InvalidAMIName.Malformed');
      await expectAccessible(page, 'a failed call');

      await lab.skipAhead();
      await lab.expectGoalMet('configured');
      await create.getByLabel('Image name').fill('web-v1');
      await create.getByRole('button', { name: 'Create image' }).click();
      await expect(lab.outcomeIn(create)).toContainText(/CreateImage succeeded: ImageId ami-/);

      // Imaging: the AMI cannot be launched or copied until it is available.
      await lab.resource(/web-v1/).click();
      await expect(lab.details).toContainText('The AMI is being created');
      await expect(lab.details.getByRole('button', { name: 'Launch from this AMI' })).toBeDisabled();
      await expect(lab.form('Copy image to a Region').getByRole('button', { name: 'Copy image' })).toBeDisabled();
      await expectAccessible(page, 'an image being created');
      await lab.skipAhead();
      await expect(lab.details.getByRole('button', { name: 'Launch from this AMI' })).toBeEnabled();
    });

    test('the clock, Skip ahead and the goals stay in view; goals met are announced; completion shows where the learner is', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/bake-an-ami/');
      await lab.reset();
      const skip = page.getByRole('button', { name: 'Skip ahead' });
      const bill = page.getByRole('region', { name: 'Bill' });
      await bill.scrollIntoViewIfNeeded();
      await expect(page.locator('.lab-clock')).toBeInViewport();
      await expect(skip).toBeInViewport();
      await expect(lab.bar.getByText(/Goals: 0 of 3 met/)).toBeInViewport();
      // The bar stays a compact strip, not a screenful.
      const barHeight = (await lab.bar.boundingBox())?.height ?? 0;
      expect(barHeight).toBeLessThan(size.width < 500 ? 170 : 140);

      await launch(lab, 'builder');
      const pendingNote = lab.bar.getByRole('status').first();
      await expect(pendingNote).toContainText('pending');
      await skip.click();
      // One message, said once, and the bar keeps its height.
      await expect(pendingNote).toHaveText(/^Skipped .+; nothing pending$/);
      await expect(lab.bar).not.toContainText(/Nothing pending.*nothing pending/i);
      expect(Math.abs(((await lab.bar.boundingBox())?.height ?? 0) - barHeight)).toBeLessThan(4);

      await lab.resource(/builder/).click();
      const configure = lab.form('Configure (install an app)');
      await configure.getByLabel('Packages to install').fill('nginx');
      await configure.getByRole('button', { name: 'Install' }).click();
      await lab.skipAhead();
      await lab.expectGoalMet('configured');
      await expect(lab.bar.getByText('Goal met: ', { exact: false })).toHaveText(/Goal met: .+\. 1 of 3 met\./);
      await expect(lab.bar.getByText(/Goals: 1 of 3 met/)).toBeInViewport();

      const create = lab.form('Create image');
      await create.getByLabel('Image name').fill('web-v1');
      await create.getByRole('button', { name: 'Create image' }).click();
      await lab.skipAhead();
      await lab.expectGoalMet('baked');
      await lab.resource(/web-v1/).click();
      await page.getByRole('button', { name: 'Launch from this AMI' }).click();
      await launch(lab, 'web-2');
      await lab.skipAhead();
      await lab.expectGoalMet('relaunched');
      // Completion: announced, and shown in the bar, in view wherever the learner was.
      const done = page.getByRole('heading', { name: 'Scenario complete' });
      await expect(done).toBeInViewport();
      await expect(lab.bar.getByRole('status').filter({ hasText: 'Scenario complete' })).toHaveCount(1);
      expect(await lab.horizontalOverflow()).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'a completed scenario');
      await lab.bar.getByRole('button', { name: 'Close the summary' }).click();
      await expect(done).toHaveCount(0);
      await lab.bar.getByRole('button', { name: 'Show what you did' }).click();
      await expect(done).toBeInViewport();
    });

    test('a deregistered AMI offers nothing more; destructive actions ask first; cleaning up completes the scenario', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/why-am-i-still-paying/');
      await lab.reset();
      await lab.resource(/^old-app ami-/).click();

      // Deregister asks first, with the focus on the confirm button; Cancel gives it back.
      const deregister = lab.form('Deregister');
      await deregister.getByRole('button', { name: 'Deregister' }).click();
      const confirm = deregister.getByRole('group', { name: 'Confirm: Yes, deregister' });
      await expect(confirm).toContainText('Its snapshots stay, and are billed');
      await expect(confirm.getByRole('button', { name: 'Yes, deregister' })).toBeFocused();
      await expectAccessible(page, 'a confirm step');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(deregister.getByRole('button', { name: 'Deregister' })).toBeFocused();
      await deregister.getByRole('button', { name: 'Deregister' }).click();
      await deregister.getByRole('button', { name: 'Yes, deregister' }).click();

      await expect(lab.details).toContainText('This AMI is deregistered');
      await expect(lab.outcomeIn(lab.details).first()).toContainText('DeregisterImage succeeded');
      for (const name of ['Launch from this AMI', 'Copy image', 'Add launch permission', 'Make public', 'Deprecate', 'Deregister', 'Add tag']) {
        await expect(lab.details.getByRole('button', { name, exact: true })).toHaveCount(0);
      }
      await expect(lab.details.getByRole('figure')).toContainText('The AMI is deregistered');
      await lab.expectGoalMet('deregistered');
      // The world lists it apart, with no devices; each of its snapshots once, as made for it.
      await expect(lab.resource(/^Deregistered: old-app ami-/)).toBeVisible();
      await expect(page.getByRole('list', { name: /^Block device mappings of / }).filter({ hasText: 'old-app' })).toHaveCount(0);
      const snapshotIds = await page.locator('.lab-world [data-resource-id^="snap-"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-resource-id')));
      expect(snapshotIds.length).toBeGreaterThan(0);
      expect(new Set(snapshotIds).size).toBe(snapshotIds.length);
      await expect(page.locator('.lab-world [data-resource-id^="snap-"]').first()).toContainText('(deregistered)');

      // Its snapshots, now left behind: deleting each asks first.
      const snapshots = page.locator('.lab-world [data-resource-id^="snap-"]');
      while ((await snapshots.count()) > 0) {
        const id = await snapshots.first().getAttribute('data-resource-id');
        await snapshots.first().click();
        await lab.details.getByRole('button', { name: 'Delete snapshot…' }).click();
        await lab.details.getByRole('button', { name: 'Yes, delete snapshot' }).click();
        await expect(lab.details).toContainText(`${id} no longer exists`);
        await expect(page.locator(`.lab-world [data-resource-id="${id}"]`)).toHaveCount(0);
      }
      await lab.expectGoalMet('snapshots');

      // The volume left attached to nothing.
      await page.locator('.lab-world [data-resource-id^="vol-"]').first().click();
      await lab.details.getByRole('button', { name: 'Delete volume…' }).click();
      await lab.details.getByRole('button', { name: 'Yes, delete volume' }).click();
      await expect(lab.details).toContainText('no longer exists');
      await expect(lab.outcomeIn(lab.details)).toContainText('DeleteVolume succeeded');
      await lab.expectGoalMet('zero');
      await expect(page.getByRole('heading', { name: 'Scenario complete' })).toBeInViewport();
    });

    test('controls match what AWS would accept: block public access, sharing, attached volumes', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/share-a-golden-ami-with-a-partner/');
      await lab.reset();
      const bpa = page.getByRole('group', { name: /Block public access/ });
      await expect(bpa.getByRole('button', { name: 'Turn off' })).toBeDisabled();
      await bpa.getByRole('button', { name: 'Turn on' }).click();
      await expect(lab.outcomeIn(bpa)).toContainText('EnableImageBlockPublicAccess succeeded');
      // It takes effect after about ten simulated minutes: pending work Skip ahead waits for.
      await expect(lab.bar.getByRole('status').filter({ hasText: 'pending' })).toContainText(/1 pending, next in (9|10) min/);
      await expect(lab.bar.getByRole('button', { name: 'Skip ahead' })).toBeEnabled();
      await expect(bpa.getByRole('button', { name: 'Turn on' })).toBeDisabled();
      await expect(bpa.getByRole('button', { name: 'Turn off' })).toBeEnabled();

      await lab.resource(/golden-base/).click();
      const shareWith = lab.form('Launch permissions').getByLabel('Share with');
      // The form fills in once the AMI is selected: wait for the partner's account, then check the owner's is not offered.
      await expect(shareWith.locator('option', { hasText: '444455556666' })).toHaveCount(1);
      await expect(shareWith.locator('option', { hasText: '111122223333' })).toHaveCount(0);
      await expect(lab.form('Launch permissions').getByRole('button', { name: 'Remove launch permission' })).toBeDisabled();
      // Block public access applies after about ten simulated minutes; then Make public says why it is not offered.
      await page.getByRole('button', { name: '60×' }).click();
      await page.getByRole('button', { name: 'Run' }).click();
      await expect(lab.details.getByRole('button', { name: 'Make public' })).toBeDisabled({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Pause' }).click();
      await expect(lab.details).toContainText('Block public access is on in us-east-1: turn it off first.');

      await launch(lab, 'attached');
      await lab.skipAhead();
      await page.locator('.lab-world [data-resource-id^="vol-"]').first().click();
      await expect(lab.details.getByRole('button', { name: 'Delete volume…' })).toBeDisabled();
      await expect(lab.details).toContainText(/Attached to i-[0-9a-f]+: detach it first\./);
    });

    test('the lifecycle diagram fits its panel and is captioned in plain words', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      await launch(lab, 'diagram');
      await lab.skipAhead();
      await lab.resource(/diagram/).click();
      const figure = lab.details.getByRole('figure');
      await expect(figure).toContainText('The instance is running. It can be stopped, rebooted or terminated');
      await expect(figure).not.toContainText('statechart');
      await expect(figure).not.toContainText('instance.');
      const panel = await lab.details.boundingBox();
      const svg = await figure.locator('svg').boundingBox();
      if (panel === null || svg === null) throw new Error('not laid out');
      expect(svg.x).toBeGreaterThanOrEqual(panel.x);
      expect(svg.x + svg.width).toBeLessThanOrEqual(panel.x + panel.width);
      // Readable: drawn at 80 % of its size or more (a narrow panel gets the layout going down).
      const scale = await figure.locator('svg').evaluate((element) => element.getBoundingClientRect().width / (element as SVGSVGElement).viewBox.baseVal.width);
      expect(scale).toBeGreaterThan(0.8);
      await expectAccessible(page, 'an instance running, its lifecycle drawn');
    });

    test('money, text and the phone: one precision, no stray words, nothing cut off, a completion button', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/why-am-i-still-paying/');
      await lab.reset();
      const bill = page.getByRole('region', { name: 'Bill' });
      const text = (await bill.textContent()) ?? '';
      const amounts = (await bill.locator('summary, td.lab-money').allTextContents()).flatMap((cell) => cell.match(/\$[0-9,]+\.[0-9]+/g) ?? []);
      expect(amounts.length).toBeGreaterThan(2);
      for (const amount of amounts) expect(amount).toMatch(/\.\d{4}$/);
      expect(text).not.toMatch(/\(not attached\)\s*not attached/);

      // Nothing sticks out of the page, and the controls are whole.
      expect(await lab.horizontalOverflow()).toBeLessThanOrEqual(0);
      for (const control of [page.getByLabel('Acting as'), bill.locator('tr').first().locator('th').last(), page.getByRole('button', { name: 'Reset…' })]) {
        const box = await control.boundingBox();
        if (box === null) throw new Error('not laid out');
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
      }

      // Completion without a Tab key.
      await lab.consoleInput.fill('aws ec2 copy-im');
      await page.getByRole('button', { name: 'Complete', exact: true }).click();
      await expect(lab.consoleInput).toHaveValue('aws ec2 copy-image ');
      await expect(lab.consoleInput).toBeFocused();
    });
  });
}
