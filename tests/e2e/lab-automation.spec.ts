import { expect, type Locator, type Page, test } from '@playwright/test';
import { amiIn, LabPage, openServiceGroup } from './lab-pages';
import { axeViolations } from './pages';

/**
 * The lab's automation (issue 14): the Recycle Bin, Data Lifecycle Manager and EC2 Image Builder,
 * each with its view and forms in "More actions", at desktop and phone width.
 */

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const AL2023 = 'resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/** One group of "More actions", by the start of its title. */
function group(page: Page, title: string): Locator {
  return page.getByRole('region', { name: /More actions/ }).locator('details', { has: page.locator('summary', { hasText: title }) });
}

/** A form by its exact name. */
function form(scope: Locator, name: string): Locator {
  return scope.getByRole('form', { name, exact: true });
}

/** The page does not scroll sideways. */
async function noHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Runs the simulated clock at 60× until `done` holds, then pauses it. */
async function runClockUntil(page: Page, done: () => Promise<void>): Promise<void> {
  const time = page.getByRole('group', { name: 'Simulated time' });
  await time.getByRole('button', { name: '60×' }).click();
  await time.getByRole('button', { name: 'Run' }).click();
  await done();
  await time.getByRole('button', { name: 'Pause' }).click();
}

/** The simulated time of day a few minutes from now, as hh:mm (UTC). */
async function minutesFromNow(page: Page, minutes: number): Promise<string> {
  const text = (await page.locator('.lab-clock').textContent()) ?? '';
  const match = /(\d{2}):(\d{2}):\d{2}/.exec(text);
  if (match === null) throw new Error(`no time in ${text}`);
  const total = (Number(match[1]) * 60 + Number(match[2]) + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

for (const size of WIDTHS) {
  test.describe(`the lab's automation at ${size.name} width`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test('a Region-level AMI retention rule keeps a deregistered AMI in the bin, and Restore brings it back', async ({ page }) => {
      test.setTimeout(120_000);
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      const launched = await lab.run(`aws ec2 run-instances --image-id ${AL2023} --instance-type t3.micro --query "Instances[0].InstanceId" --output text`);
      const instance = /\bi-[0-9a-f]{17}/.exec(launched)?.[0] ?? '';
      await lab.skipAhead();
      const ami = amiIn(await lab.run(`aws ec2 create-image --instance-id ${instance} --name keep-me --no-reboot`));
      await lab.skipAhead();

      await openServiceGroup(page, 'Recycle Bin');
      const bin = group(page, 'Recycle Bin');
      await expect(bin.getByText('No retention rule in us-east-1')).toBeVisible();
      const create = form(bin, 'Create a retention rule');
      await expect(create.getByLabel(/^Resource type/)).toHaveValue('EC2_IMAGE');
      await create.getByLabel(/^Retention \(days\)/).fill('10');
      await create.getByRole('button', { name: 'Create rule' }).click();
      await expect(create.getByRole('status')).toContainText(/Rule [0-9a-zA-Z]{11} created \(pending\)/);
      await expect(lab.lastRequest).toContainText('CreateRule');
      const rules = bin.getByRole('list', { name: 'Retention rules in us-east-1' });
      await expect(rules).toContainText('AMIs kept 10 days');
      await expect(rules).toContainText('Region-level');
      await expect(rules.locator('.lab-tag', { hasText: 'pending' })).toBeVisible();
      // The first rule of a Region takes up to 30 minutes to become available.
      await runClockUntil(page, () => expect(rules.locator('.lab-tag', { hasText: 'available' })).toBeVisible({ timeout: 60_000 }));

      await lab.run(`aws ec2 deregister-image --image-id ${ami}`);
      const contents = bin.getByRole('list', { name: 'Recycle Bin in us-east-1' });
      await expect(contents).toContainText(ami);
      await expect(contents).toContainText(/kept until \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      await contents.getByRole('button', { name: `Restore ${ami}` }).click();
      await expect(lab.lastRequest).toContainText('RestoreImageFromRecycleBin');
      await expect(bin.getByText('The bin is empty in us-east-1.')).toBeVisible();
      expect(await lab.run(`aws ec2 describe-images --image-ids ${ami} --query "Images[0].State" --output text`)).toContain('available');
    });

    test('a DLM AMI policy makes an AMI of the tagged instance when its time comes', async ({ page }) => {
      test.setTimeout(90_000);
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      await lab.run(`aws ec2 run-instances --image-id ${AL2023} --instance-type t3.micro --tag-specifications "ResourceType=instance,Tags=[{Key=Backup,Value=daily}]"`);
      await lab.skipAhead();

      await openServiceGroup(page, 'Data Lifecycle Manager');
      const dlm = group(page, 'Data Lifecycle Manager');
      await expect(dlm.getByText('No lifecycle policy in us-east-1.')).toBeVisible();
      const create = form(dlm, 'Create a lifecycle policy');
      await create.getByLabel(/^Description/).fill('Daily web AMIs');
      await create.getByLabel(/^Target tag/).fill('Backup=daily');
      const at = await minutesFromNow(page, 3);
      await create.getByLabel(/^Starting at/).fill(at);
      await create.getByLabel(/^Keep this many/).fill('3');
      await create.getByLabel(/^Copy to Region/).selectOption('us-west-2');
      await create.getByRole('button', { name: 'Create policy' }).click();
      await expect(create.getByRole('status')).toContainText(/Policy policy-[0-9a-f]{17} created/);
      const policies = dlm.getByRole('list', { name: 'Lifecycle policies in us-east-1' });
      await expect(policies).toContainText('AMI policy for instances tagged Backup=daily');
      await expect(policies).toContainText(`daily at ${at} UTC, keep 3`);
      await expect(policies).toContainText('copies to us-west-2, kept 7 days');
      await expect(policies).toContainText('Nothing made yet');
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      await runClockUntil(page, () => expect(policies.getByText(/^AMI ami-[0-9a-f]{17}/).first()).toBeVisible({ timeout: 30_000 }));
      await lab.skipAhead();
      await expect(
        policies
          .locator('li', { hasText: /^AMI ami-/ })
          .filter({ hasText: 'available' })
          .first(),
      ).toBeVisible();

      const update = form(dlm, 'Enable or disable a lifecycle policy');
      await update.getByLabel(/^State/).selectOption('DISABLED');
      await update.getByRole('button', { name: 'Update policy' }).click();
      await expect(update.getByRole('status')).toContainText('Policy disabled.');
      await expect(policies.locator('.lab-tag', { hasText: 'DISABLED' })).toBeVisible();
    });

    test('an Image Builder pipeline from the forms builds an image: PENDING, on through the steps, to AVAILABLE', async ({ page }) => {
      test.setTimeout(90_000);
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      await openServiceGroup(page, 'EC2 Image Builder');
      const builder = group(page, 'EC2 Image Builder');

      const component = form(builder, 'Create a build component');
      await component.getByLabel(/^Name/).fill('web');
      await component.getByLabel(/^Packages to install/).fill('nginx');
      await component.getByRole('button', { name: 'Create component' }).click();
      await expect(component.getByRole('status')).toContainText('Created arn:aws:imagebuilder:us-east-1:');
      await expect(builder.getByRole('list', { name: 'Build components in us-east-1' })).toContainText('installs nginx');

      const recipe = form(builder, 'Create an image recipe');
      await recipe.getByLabel(/^Name/).fill('golden');
      await expect(recipe.getByLabel(/^Component/).first()).toHaveValue(/component\/web\/1\.0\.0/);
      await recipe.getByRole('button', { name: 'Create recipe' }).click();
      await expect(recipe.getByRole('status')).toContainText('image-recipe/golden/1.0.0');

      const infrastructure = form(builder, 'Create an infrastructure configuration');
      await infrastructure.getByLabel(/^Name/).fill('builder');
      await infrastructure.getByRole('button', { name: 'Create infrastructure configuration' }).click();
      await expect(infrastructure.getByRole('status')).toContainText('Infrastructure configuration created.');

      const pipeline = form(builder, 'Create an image pipeline');
      await pipeline.getByLabel(/^Name/).fill('golden-pipeline');
      await pipeline.getByRole('button', { name: 'Create pipeline' }).click();
      await expect(pipeline.getByRole('status')).toContainText('Pipeline created.');
      await expect(builder.getByRole('list', { name: 'Image pipelines in us-east-1' })).toContainText('recipe golden 1.0.0 · manual only');

      const start = form(builder, 'Start a pipeline');
      await start.getByRole('button', { name: 'Run pipeline' }).click();
      await expect(start.getByRole('status')).toContainText('Build started');
      const images = builder.getByRole('list', { name: 'Image Builder images in us-east-1' });
      await expect(images).toContainText('PENDING');
      await expect(builder.getByText('Newest build, golden 1.0.0/1: PENDING.')).toBeVisible();
      await expect(builder.getByRole('group', { name: 'States of the Image Builder image' })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);

      await runClockUntil(page, () => expect(images).toContainText(/CREATING|BUILDING/, { timeout: 30_000 }));
      await lab.skipAhead();
      await expect(images).toContainText('AVAILABLE');
      await expect(images).toContainText(/AMIs ami-[0-9a-f]{17} \(us-east-1\)/);
      await expect(builder.getByText(/Newest build, golden 1\.0\.0\/1: AVAILABLE\. The image is available/)).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });

    test('an empty required field says so beside the field, and nothing is sent', async ({ page }) => {
      const lab = new LabPage(page);
      await lab.open('/lab/');
      await lab.reset();
      await openServiceGroup(page, 'Recycle Bin');
      const create = form(group(page, 'Recycle Bin'), 'Create a retention rule');
      const days = create.getByLabel(/^Retention \(days\)/);
      await days.fill('');
      await create.getByRole('button', { name: 'Create rule' }).click();
      await expect(days).toHaveAttribute('aria-invalid', 'true');
      await expect(days).toBeFocused();
      await expect(create.getByText('Retention (days) is required.')).toBeVisible();
      await expect(lab.lastRequest).not.toContainText('CreateRule');

      await openServiceGroup(page, 'EC2 Image Builder');
      const builder = group(page, 'EC2 Image Builder');
      const pipeline = form(builder, 'Create an image pipeline');
      await pipeline.getByLabel(/^Name/).fill('no-recipe');
      await pipeline.getByRole('button', { name: 'Create pipeline' }).click();
      await expect(pipeline.getByText('There is no recipe to choose here yet.')).toBeVisible();
      await expect(lab.lastRequest).not.toContainText('CreateImagePipeline');
      expect(await axeViolations(page)).toEqual([]);
      await noHorizontalScroll(page);
    });
  });
}
