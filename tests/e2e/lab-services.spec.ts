import { expect, type Page, test } from '@playwright/test';
import { amiIn, LabPage, openServiceGroup, regionPicker } from './lab-pages';
import { axeViolations } from './pages';

/**
 * The lab beyond EC2 (issue 13): 34 Regions with opt-in ones enabled from the picker, Parameter
 * Store, launch templates and Auto Scaling with instance refresh, all from forms; each at desktop
 * and phone width.
 */

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** A form by its exact name ("Create a launch template" is not "Create a launch template version"). */
function form(page: Page, name: string) {
  return page.getByRole('form', { name, exact: true });
}

/** The page does not scroll sideways; a failure names the elements that stick out. */
async function noHorizontalScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.closest('details:not([open])') === null)
      .map((element) => `${element.tagName.toLowerCase()}${element.id === '' ? '' : `#${element.id}`}.${element.getAttribute('class') ?? ''}`);
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `wider than the screen: ${wide.slice(0, 8).join(', ')}`).toBeLessThanOrEqual(0);
}

/** Runs the simulated clock at 60× until `done` holds, then pauses it. */
async function runClockUntil(page: Page, done: () => Promise<void>): Promise<void> {
  const time = page.getByRole('group', { name: 'Simulated time' });
  await time.getByRole('button', { name: '60×' }).click();
  await time.getByRole('button', { name: 'Run' }).click();
  await done();
  await time.getByRole('button', { name: 'Pause' }).click();
}

for (const size of WIDTHS) {
  test.describe(`the lab's services at ${size.name} width`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('an opt-in Region is enabled from the picker: ENABLING, then enabled once simulated time passes', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      const world = page.getByRole('region', { name: 'Your world' });
      // 34 Regions, but only the one in use is drawn open; the others are listed by geography.
      await expect(world.locator('details.lab-region[open] > summary')).toHaveCount(1);
      await expect(world.getByText('33 other Regions')).toBeVisible();

      await expect(regionPicker(page).locator('optgroup')).toHaveCount(6);
      await expect(regionPicker(page).locator('option', { hasText: 'Europe (Frankfurt) eu-central-1' })).toHaveCount(1);
      await regionPicker(page).selectOption('eu-central-2');
      await expect(page.getByText('opt-in Region, not enabled')).toBeVisible();
      await page.getByRole('button', { name: 'Enable Region' }).click();
      await expect(lab.lastRequest).toContainText('EnableRegion');
      await expect(page.getByText(/ENABLING/).first()).toBeVisible();
      await expect(regionPicker(page).locator('option[value="eu-central-2"]')).toHaveText(/enabling/);
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      await runClockUntil(page, () => expect(page.getByText('opt-in Region, enabled')).toBeVisible({ timeout: 45_000 }));
      await expect(regionPicker(page).locator('option[value="eu-central-2"]')).toHaveText('Europe (Zurich) eu-central-2 (opt-in: enabled)');
      // The Region answers now: a call there succeeds.
      const answer = await lab.run('aws ec2 describe-availability-zones --region eu-central-2 --query "AvailabilityZones[0].ZoneName" --output text');
      expect(answer).toContain('eu-central-2a');
    });

    test('a parameter, a launch template from it, an Auto Scaling group across two zones, and an instance refresh', async ({ page }) => {
      test.setTimeout(90_000);
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      const world = page.getByRole('region', { name: 'Your world' });

      await openServiceGroup(page, 'Parameter Store');
      const get = form(page, 'Get a parameter');
      await get.getByLabel(/^Name/).fill('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64');
      await get.getByRole('button', { name: 'Get parameter' }).click();
      await expect(get.getByRole('status')).toContainText('Value: ami-');
      const ami = amiIn((await get.getByRole('status').textContent()) ?? '');

      const put = form(page, 'Put a parameter');
      await put.getByLabel(/^Name/).fill('/golden/ami');
      await put.getByLabel(/^Value/).fill(ami);
      await put.getByLabel(/^Data type/).selectOption('aws:ec2:image');
      await put.getByRole('button', { name: 'Put parameter' }).click();
      await expect(put.getByRole('status')).toContainText('Parameter written: version 1.');
      await expect(lab.lastRequest).toContainText('PutParameter');
      await expect(world.getByRole('list', { name: 'Parameters in us-east-1' })).toContainText('/golden/ami');
      await expect(world.getByRole('list', { name: 'Parameters in us-east-1' })).toContainText(ami);
      await expect(world.getByRole('list', { name: 'Parameters in us-east-1' })).toContainText('aws:ec2:image');

      await openServiceGroup(page, 'Launch templates');
      const template = form(page, 'Create a launch template');
      await template.getByLabel(/^Name/).fill('web');
      await template.getByLabel(/^AMI/).fill('resolve:ssm:/golden/ami');
      await template.getByRole('button', { name: 'Create launch template' }).click();
      await expect(template.getByRole('status')).toContainText(/Created lt-[0-9a-f]{17}/);
      const versions = world.getByRole('list', { name: 'Versions of web' });
      await expect(versions).toContainText('Version 1');
      await expect(versions).toContainText('resolve:ssm:/golden/ami');
      await expect(versions).toContainText('default');

      await openServiceGroup(page, 'Auto Scaling');
      const create = form(page, 'Create an Auto Scaling group');
      await create.getByLabel(/^Group name/).fill('web-asg');
      await expect(create.getByLabel('us-east-1a')).toBeChecked();
      await expect(create.getByLabel('us-east-1b')).toBeChecked();
      await create.getByRole('button', { name: 'Create group' }).click();
      await expect(create.getByRole('status')).toContainText('Group created');
      const perZone = world.getByRole('list', { name: 'Instances of web-asg per Availability Zone' });
      await expect(perZone.getByRole('listitem').filter({ hasText: /^us-east-1a: 1 instance/ })).toHaveCount(1);
      await expect(perZone.getByRole('listitem').filter({ hasText: /^us-east-1b: 1 instance/ })).toHaveCount(1);
      await lab.skipAhead();
      await expect(perZone.getByText('running')).toHaveCount(2);

      const refresh = form(page, 'Start an instance refresh');
      await refresh.getByLabel(/^Minimum healthy percentage/).fill('50');
      await refresh.getByLabel(/^Instance warmup/).fill('0');
      await refresh.getByRole('button', { name: 'Start instance refresh' }).click();
      await expect(refresh.getByRole('status')).toContainText('Instance refresh');
      const group = world.locator('[data-group="web-asg"]');
      await expect(group).toContainText(/Instance refresh: (Pending|InProgress), \d+% complete/);
      await expect(group.getByRole('progressbar', { name: 'Instance refresh of web-asg' })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      await lab.skipAhead();
      await expect(group).toContainText('Instance refresh: Successful, 100% complete');
      await expect(perZone.getByText('running')).toHaveCount(2);
    });

    test('a required field left empty says so beside the field, and nothing is sent', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      await openServiceGroup(page, 'Parameter Store');
      const put = form(page, 'Put a parameter');
      await put.getByLabel(/^Value/).fill('blue');
      await put.getByRole('button', { name: 'Put parameter' }).click();
      const name = put.getByLabel(/^Name/);
      await expect(name).toHaveAttribute('aria-invalid', 'true');
      await expect(name).toBeFocused();
      await expect(put.getByText('Name is required.')).toBeVisible();
      await expect(lab.lastRequest).not.toContainText('PutParameter');

      await openServiceGroup(page, 'Auto Scaling');
      const create = form(page, 'Create an Auto Scaling group');
      await create.getByLabel(/^Group name/).fill('no-template');
      await create.getByRole('button', { name: 'Create group' }).click();
      await expect(create.getByText('There is no launch template to choose here yet.')).toBeVisible();
      await expect(lab.lastRequest).not.toContainText('CreateAutoScalingGroup');
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      // Filled in, the call is made and AWS's answer shows beside the form.
      await name.fill('/app/colour');
      await put.getByRole('button', { name: 'Put parameter' }).click();
      await expect(put.getByRole('status')).toContainText('Parameter written: version 1.');
      await put.getByRole('button', { name: 'Put parameter' }).click();
      await expect(put.getByRole('status')).toContainText('ParameterAlreadyExists');
    });
  });
}

test('volumes and AMIs from the forms: a volume is created and deleted, an action without an AMI says so', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('/lab/');
  await lab.reset();
  await openServiceGroup(page, 'Volumes and snapshots');
  const create = form(page, 'Create a volume');
  await create.getByLabel(/^Availability Zone/).selectOption('us-east-1b');
  await create.getByLabel(/^Size/).fill('20');
  await create.getByRole('button', { name: 'Create volume' }).click();
  await expect(create.getByRole('status')).toContainText(/Created vol-[0-9a-f]{17}/);
  await expect(lab.resource(/20 GiB, not attached/)).toBeVisible();
  await lab.skipAhead();

  const remove = form(page, 'Delete a volume');
  await remove.getByRole('button', { name: 'Delete volume' }).click();
  await expect(remove.getByRole('status')).toContainText('DeleteVolume succeeded.');
  await expect(lab.lastRequest).toContainText('DeleteVolume');

  await openServiceGroup(page, 'AMIs');
  const protection = form(page, 'Deregistration protection');
  await protection.getByRole('button', { name: 'Apply' }).click();
  await expect(protection.getByText('There is no AMI to choose here yet.')).toBeVisible();
  await expect(lab.lastRequest).not.toContainText('EnableImageDeregistrationProtection');
});

test('scenario pages: the scenario’s opt-in Region is drawn open, and a group’s instances show per zone', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('/lab/take-a-golden-ami-to-an-opt-in-region/');
  await lab.reset();
  const world = page.getByRole('region', { name: 'Your world' });
  const thailand = world.locator('details.lab-region[open] > summary', { hasText: 'ap-southeast-7' });
  await expect(thailand).toContainText('Asia Pacific (Thailand)');
  await expect(thailand).toContainText('opt-in: not enabled');

  await lab.open('/lab/roll-out-a-golden-ami-with-instance-refresh/');
  await lab.reset();
  const perZone = world.getByRole('list', { name: 'Instances of web-asg per Availability Zone' });
  await expect(perZone).toBeVisible();
  await expect(world.locator('[data-group="web-asg"]')).toContainText('desired 3 (min 2, max 4)');
  await expect(world.getByRole('list', { name: 'Versions of web' })).toContainText('Version 1');
  await openServiceGroup(page, 'Auto Scaling');
  expect(await axeViolations(page)).toEqual([]);
});
