// Audit HTML files in Debian's headless Chromium, as a reader's browser shows them.
//
//   node scripts/clients/browser.mjs --out DIR [--width PX] FILE.html...
//
// One browser serves all files. For each FILE (named NAME without ".html") it writes
//   DIR/NAME.png        full-page screenshot
//   DIR/NAME.pdf        print PDF, A4 with backgrounds
//   DIR/NAME.nocss.png  full-page screenshot with every style sheet and style attribute removed
//   DIR/NAME.axe.json   axe-core's full results: {"wcag": ..., "best_practice": ...}
// and prints one JSON line to stdout:
//   {"file", "violations": [{id, impact, help, nodes: [target...]}], "best_practice": [...],
//    "requests": [URL...], "scroll_width", "client_width", "wider": [element...]}
// With --width PX the page is read in a viewport PX CSS pixels wide (320: a phone, or 400%
// zoom of a 1280 px window; WCAG 1.4.10), and NAME becomes NAME.PX (NAME.320.png...); it
// also writes NAME.PX.forced.png, the page in forced colours (a Windows contrast theme).
// "scroll_width" > "client_width" means the page scrolls sideways; "wider" lists the
// elements whose right edge lies beyond the viewport, outside any box that scrolls.
// "violations" are WCAG 2.0/2.1 A and AA plus WCAG 2.2 AA rules; "best_practice" are axe's
// best-practice rules, reported apart. "requests" lists every request for anything but a
// file: or data: URL: the pages must be self-contained, so each is a failure. Such requests
// are aborted, never sent. The exit status is 0 whatever was found (the caller judges);
// it is non-zero only when the audit itself could not run.

import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Parse `--out DIR FILE...`; exit 2 with a usage line when they are wrong. */
function parseArgs(argv) {
  const files = [];
  let out = null;
  let width = null;
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out') {
      out = argv[i + 1];
      i += 1;
    } else if (argv[i] === '--width') {
      width = Number.parseInt(argv[i + 1], 10);
      i += 1;
    } else {
      files.push(argv[i]);
    }
  }
  if (!out || files.length === 0 || Number.isNaN(width)) {
    console.error('usage: node scripts/clients/browser.mjs --out DIR [--width PX] FILE.html...');
    process.exit(2);
  }
  const names = files.map((file) => path.basename(file, '.html'));
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    console.error(`browser.mjs: two files would both write ${repeated}.* in ${out}`);
    process.exit(2);
  }
  return { out, files, width };
}

/** The page's widths, and the elements that reach past the viewport's right edge outside a scrolling box. */
function measureWidths(page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const scrolls = (el) => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const wider = [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !scrolls(el))
      .slice(0, 10)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}`);
    return { scroll_width: root.scrollWidth, client_width: root.clientWidth, wider };
  });
}

/** Keep what a reader of a report needs from an axe result list. */
function summarise(results) {
  return results.violations.map((rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => node.target),
  }));
}

/** Run axe-core with the given tags on the page (axe must already be injected). */
function runAxe(page, tags) {
  return page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values } }),
    tags,
  );
}

/** Audit one HTML file in a new page of the shared browser context. */
async function auditFile(context, file, out, width) {
  const name = path.basename(file, '.html') + (width ? `.${width}` : '');
  const page = await context.newPage();
  if (width) await page.setViewportSize({ width, height: 900 });
  const requests = [];
  const isExternal = (url) => !/^(file|data):/i.test(url.toString());
  page.on('request', (request) => {
    if (isExternal(request.url())) requests.push(request.url());
  });
  await page.route(isExternal, (route) => route.abort('blockedbyclient'));

  await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
  await page.addScriptTag({ path: AXE_SCRIPT });
  const wcag = await runAxe(page, WCAG_TAGS);
  const bestPractice = await runAxe(page, ['best-practice']);
  fs.writeFileSync(
    path.join(out, `${name}.axe.json`),
    JSON.stringify({ wcag, best_practice: bestPractice }, null, 2),
  );

  const widths = await measureWidths(page);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  if (width) {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.screenshot({ path: path.join(out, `${name}.forced.png`), fullPage: true });
    await page.emulateMedia({ forcedColors: 'none' });
  }
  await page.pdf({ path: path.join(out, `${name}.pdf`), format: 'A4', printBackground: true });
  await page.evaluate(() => {
    document.querySelectorAll('style, link[rel~="stylesheet" i]').forEach((el) => el.remove());
    document.querySelectorAll('[style]').forEach((el) => el.removeAttribute('style'));
  });
  await page.screenshot({ path: path.join(out, `${name}.nocss.png`), fullPage: true });
  await page.close();

  return {
    file,
    violations: summarise(wcag),
    best_practice: summarise(bestPractice),
    requests,
    ...widths,
  };
}

async function main() {
  const { out, files, width } = parseArgs(process.argv.slice(2));
  fs.mkdirSync(out, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nvap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    for (const file of files) {
      const summary = await auditFile(context, file, out, width);
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
