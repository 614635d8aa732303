// Real-browser test: JupyterLab from the project venv on loopback, Debian's Chromium driven by
// playwright-core. Opens a copy of notebooks/00-quickstart.ipynb, runs all cells on the gwbench
// kernel, checks that the page shows the HTML table and the plot images and no error, and saves a
// screenshot under results/browser/. Prints "browser: N passed, M failed".
import { spawn } from 'node:child_process';
import { mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const outDir = path.join(root, 'results', 'browser');
const workDir = path.join(outDir, 'work');
const CHROMIUM = process.env.GWBENCH_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 300_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
    srv.on('error', reject);
  });
}

let labExitedEarly = () => false;

async function waitForServer(url, deadline) {
  while (Date.now() < deadline) {
    if (labExitedEarly()) throw new Error('JupyterLab exited before answering');
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`JupyterLab did not answer at ${url}`);
}

async function main() {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  // a copy, so autosave never touches the committed notebook
  copyFileSync(path.join(root, 'notebooks', '00-quickstart.ipynb'), path.join(workDir, '00-quickstart.ipynb'));
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const lab = spawn(path.join(root, '.venv', 'bin', 'jupyter'), [
    'lab', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, `--IdentityProvider.token=${token}`,
    `--notebook-dir=${workDir}`, '--ServerApp.open_browser=False', '--LabApp.news_url=', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    ...(process.getuid && process.getuid() === 0 ? ['--allow-root'] : []),
  ], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let labLog = '';
  let labExited = null;
  lab.stderr.on('data', (d) => { labLog += d; });
  lab.on('exit', (code) => { labExited = code; });
  labExitedEarly = () => labExited !== null;
  let browser;
  const failures = [];
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    await waitForServer(`http://127.0.0.1:${port}/api/status?token=${token}`, deadline);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${port}/lab/tree/00-quickstart.ipynb?token=${token}`);
    await page.waitForSelector('.jp-NotebookPanel', { timeout: 120_000 });
    // the kernel named in the notebook metadata must be ours
    await page.waitForSelector('.jp-Toolbar-kernelName:has-text("Java (GW Workbench)")', { timeout: 120_000 });
    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-itemLabel', { hasText: /^Run All Cells$/ }).click();
    const table = page.locator('.jp-OutputArea-output table.gwbench');
    await table.first().waitFor({ timeout: TIMEOUT_MS });
    const images = page.locator('.jp-OutputArea-output img');
    await page.waitForFunction(() => document.querySelectorAll('.jp-OutputArea-output img').length >= 3, null, { timeout: TIMEOUT_MS });
    const rows = await table.first().locator('tbody tr').count();
    if (rows < 1) failures.push('the values table has no rows');
    const imgCount = await images.count();
    if (imgCount < 3) failures.push(`expected 3 plots, saw ${imgCount}`);
    const errors = await page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').count();
    if (errors > 0) failures.push(`${errors} error output(s) on the page`);
    await table.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(outDir, 'quickstart.png'), fullPage: false });
    console.log(`browser: table with ${rows} rows, ${imgCount} plots; screenshot results/browser/quickstart.png`);
  } catch (e) {
    failures.push(String(e.message || e).split('\n')[0]);
    if (browser) {
      try {
        const pages = browser.contexts().flatMap((c) => c.pages());
        if (pages.length) await pages[0].screenshot({ path: path.join(outDir, 'quickstart-failure.png') });
      } catch { /* best effort */ }
    }
    if (labLog) console.error(labLog.split('\n').slice(-15).join('\n'));
  } finally {
    if (browser) await browser.close();
    try { process.kill(-lab.pid, 'SIGTERM'); } catch { /* gone */ }
  }
  for (const f of failures) console.error(`browser: FAILED: ${f}`);
  console.log(`browser: ${failures.length ? 0 : 1} passed, ${failures.length ? 1 : 0} failed`);
  process.exit(failures.length ? 1 : 0);
}

main();
