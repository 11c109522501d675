import { expect, test } from '@playwright/test';
import { axeViolations } from './pages';
import { amiIn, LabPage } from './lab-pages';

test.describe('the lab', () => {
  test('the lab index and a scenario page have no axe violations', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/');
    expect(await axeViolations(page)).toEqual([]);
    await lab.open('/lab/bake-an-ami/');
    await lab.reset();
    // With a resource selected: details, its actions and the lifecycle diagram are checked too.
    await lab.form('Launch an instance').getByLabel('Name tag').fill('axe');
    await lab.form('Launch an instance').getByRole('button', { name: 'Launch', exact: true }).click();
    await lab.resource(/axe/).click();
    await expect(page.getByRole('figure')).toContainText('Lifecycle of this instance');
    await lab.run('aws ec2 describe-image');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('scenario 1, bake an AMI, completed with the forms only', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/bake-an-ami/');
    await lab.reset();
    const launch = lab.form('Launch an instance');
    await expect(launch.getByLabel('AMI')).toHaveValue(/ami-/);
    await launch.getByLabel('Name tag').fill('builder');
    await launch.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect(lab.lastRequest).toContainText('RunInstances');
    await lab.skipAhead();

    await lab.resource(/builder/).click();
    const configure = lab.form('Configure (install an app)');
    await configure.getByLabel('Packages to install').fill('nginx');
    await configure.getByRole('button', { name: 'Install' }).click();
    // Run Command takes simulated time (Pending → InProgress → Success).
    await lab.skipAhead();
    await lab.expectGoalMet('configured');

    const create = lab.form('Create image');
    await create.getByLabel('Image name').fill('web-v1');
    await create.getByRole('button', { name: 'Create image' }).click();
    await expect(lab.resource(/web-v1/)).toContainText('pending');
    await lab.skipAhead();
    await expect(lab.resource(/web-v1/)).toContainText('available');
    await lab.expectGoalMet('baked');

    await lab.resource(/web-v1/).click();
    await page.getByRole('button', { name: 'Launch from this AMI' }).click();
    await expect(lab.form('Launch an instance').getByLabel('AMI')).toHaveValue(amiIn(await lab.resource(/web-v1/).innerText()));
    await lab.form('Launch an instance').getByLabel('Name tag').fill('web-2');
    await lab.form('Launch an instance').getByRole('button', { name: 'Launch', exact: true }).click();
    await lab.skipAhead();
    await lab.expectGoalMet('relaunched');
    await expect(page.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();

    await lab.waitSaved();
    await page.goto('/lab/');
    await expect(page.locator('[data-lab-progress="bake-an-ami"]')).toHaveText('Completed');
    await page.goto('/');
    await expect(page.locator('.home-lab [data-lab-progress="bake-an-ami"]')).toHaveText('Completed');
  });

  test('scenario 3, disaster recovery, completed with the console only; a wrong Region shows AWS error explained', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/disaster-recovery-in-another-region/');
    await lab.reset();
    const golden = amiIn(await lab.run('aws ec2 describe-images --owners self --filters Name=name,Values=web-golden'));

    const error = await lab.run(`aws ec2 run-instances --image-id ${golden} --instance-type t3.micro --region eu-west-1`);
    expect(error).toContain(`An error occurred (InvalidAMIID.NotFound) when calling the RunInstances operation: The image id '[${golden}]' does not exist`);
    expect(error).toContain('AMI IDs are regional');
    await expect(lab.consoleLog.getByRole('link', { name: 'Read the lesson' }).last()).toHaveAttribute('href', '/notes/copying-amis-and-snapshots-across-regions/');
    await expect(lab.lastRequest).toContainText('InvalidAMIID.NotFound');
    await expect(lab.lastRequest.getByRole('link')).toHaveAttribute('href', '/notes/copying-amis-and-snapshots-across-regions/');

    const copy = amiIn(await lab.run(`aws ec2 copy-image --source-region us-east-1 --source-image-id ${golden} --name web-golden --region eu-west-1`));
    expect(copy).not.toBe(golden);
    await lab.skipAhead();
    await lab.expectGoalMet('copied');
    const launched = await lab.run(`aws ec2 run-instances --image-id ${copy} --instance-type t3.micro --region eu-west-1`);
    expect(launched).toContain('"State"');
    await lab.skipAhead();
    await lab.expectGoalMet('launched');
    await expect(page.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();
  });

  test('scenario 4, share with a partner: forms, a reload in the middle loses nothing', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/share-a-golden-ami-with-a-partner/');
    await lab.reset();
    await lab.resource(/golden-base/).click();
    const permissions = lab.form('Launch permissions');
    await permissions.getByLabel('Share with').selectOption({ label: await lab.optionLabel(permissions.getByLabel('Share with'), /Partner/) });
    await permissions.getByRole('button', { name: 'Add launch permission' }).click();
    await lab.expectGoalMet('shared');
    await lab.run('aws sts get-caller-identity');
    await page.getByRole('button', { name: 'Show a hint' }).click();

    // Reload in the middle: world, clock, console history, hints and goals come back.
    await lab.waitSaved();
    const clock = await page.locator('.lab-clock').innerText();
    await page.reload();
    await lab.ready();
    await expect(page.locator('.lab-clock')).toHaveText(clock);
    await lab.expectGoalMet('shared');
    await expect(lab.resource(/golden-base/)).toContainText('shared ×1');
    await expect(lab.consoleLog).toContainText('aws sts get-caller-identity');
    await lab.consoleInput.press('ArrowUp');
    await expect(lab.consoleInput).toHaveValue('aws sts get-caller-identity');
    await expect(page.getByRole('button', { name: /Show another hint/ })).toBeVisible();

    await lab.actAs(/Partner/);
    await expect(lab.resource(/golden-base/)).toContainText('shared with you');
    const launch = lab.form('Launch an instance');
    await launch.getByLabel('AMI').selectOption({ label: await lab.optionLabel(launch.getByLabel('AMI'), /golden-base/) });
    await launch.getByRole('button', { name: 'Launch', exact: true }).click();
    await lab.expectGoalMet('partner-launched');
    await lab.skipAhead();

    await lab.actAs(/Your account/);
    await lab.resource(/golden-base/).click();
    await lab
      .form('Launch permissions')
      .getByLabel('Share with')
      .selectOption({ label: await lab.optionLabel(lab.form('Launch permissions').getByLabel('Share with'), /Partner/) });
    await lab.form('Launch permissions').getByRole('button', { name: 'Remove launch permission' }).click();
    await lab.expectGoalMet('revoked');
    await expect(page.getByRole('heading', { name: 'Scenario complete' })).toBeVisible();
  });

  test('a wrong action from a form shows AWS error, its explanation and the lesson', async ({ page }) => {
    const lab = new LabPage(page);
    await lab.open('/lab/');
    await lab.reset();
    const launch = lab.form('Launch an instance');
    await launch.getByLabel('AMI').selectOption({ label: 'Another AMI ID…' });
    await launch.getByLabel('AMI ID').fill('ami-12345');
    await launch.getByRole('button', { name: 'Launch', exact: true }).click();
    await expect(lab.lastRequest).toContainText('InvalidAMIID.Malformed');
    await expect(lab.lastRequest).toContainText('Invalid id: "ami-12345" (expecting "ami-...")');
    await expect(lab.lastRequest).toContainText('AMI IDs look like ami- followed by 17 hexadecimal digits');
    await expect(lab.lastRequest.getByRole('link', { name: 'Amazon Machine Images (AMI)' })).toHaveAttribute('href', '/notes/amazon-machine-images-ami/');
  });

  test('two tabs on one lab: the newer one wins, the other is told and can take over', async ({ context }) => {
    const first = new LabPage(await context.newPage());
    await first.open('/lab/');
    const second = new LabPage(await context.newPage());
    await second.open('/lab/');
    await expect(first.page.getByRole('alert')).toContainText('This lab is open in another tab');
    await first.page.getByRole('button', { name: 'Take over here' }).click();
    await expect(first.page.getByRole('alert')).toHaveCount(0);
    await expect(second.page.getByRole('alert')).toContainText('This lab is open in another tab');
  });

  test('keyboard: console completion and history, phone width without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    const lab = new LabPage(page);
    await lab.open('/lab/');
    await lab.consoleInput.fill('aws ec2 copy-im');
    await lab.consoleInput.press('Tab');
    await expect(lab.consoleInput).toHaveValue('aws ec2 copy-image ');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
