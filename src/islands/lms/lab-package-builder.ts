/**
 * "Lab scenario packages" on /assign/: zips a SCORM 1.2 or 2004 package of the chosen scenario in
 * the instructor's browser, from the site's lab player (/lms/lab-player.js, /lms/lab-player.css)
 * and the scenario with its starting world (/lms/labs/<scenario>.json), as the quiz packages are.
 */
import { siteBase as base } from '../../base-url';
import { type LabPackageFormat, labPackageFileName, labPackageFiles, type LabPlaySpec } from '../../packaging/lab-package';
import { FORMAT_LABELS, type PlayerAssets, zipPackage } from '../../packaging/package';

let assets: Promise<PlayerAssets> | undefined;

async function text(path: string): Promise<string> {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

async function download(slug: string, format: LabPackageFormat, status: HTMLElement): Promise<void> {
  status.textContent = `Making the ${FORMAT_LABELS[format]} package…`;
  try {
    assets ??= Promise.all([text('lms/lab-player.js'), text('lms/lab-player.css')]).then(([js, css]) => ({ js, css }));
    const data = JSON.parse(await text(`lms/labs/${encodeURIComponent(slug)}.json`)) as Omit<LabPlaySpec, 'siteBase'>;
    const spec: LabPlaySpec = { ...data, siteBase: new URL(base, location.origin).href };
    const zip = zipPackage(labPackageFiles(spec, format, await assets));
    const name = labPackageFileName(slug, format);
    const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    status.textContent = `${FORMAT_LABELS[format]} package ready: ${name} (${Math.ceil(zip.length / 1024)} KB).`;
  } catch (error) {
    assets = undefined;
    status.textContent = `The package could not be made (${error instanceof Error ? error.message : 'unknown error'}). Check your connection and try again.`;
  }
}

const select = document.querySelector<HTMLSelectElement>('[data-lab-scenario]');
const status = document.querySelector<HTMLElement>('[data-lab-download-status]');
const wanted = new URLSearchParams(location.search).get('lab');
if (select && wanted && [...select.options].some((o) => o.value === wanted)) {
  select.value = wanted;
  document.getElementById('assign-lab')?.scrollIntoView();
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-lab-download]')) {
  button.addEventListener('click', () => {
    if (select && status) void download(select.value, button.dataset.labDownload as LabPackageFormat, status);
  });
}
