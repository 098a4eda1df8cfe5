import { chromium } from 'playwright-core';
const [,, url, out, w, h, js] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--enable-unsafe-swiftshader'] });
const p = await b.newPage({ viewport: { width: Number(w||1300), height: Number(h||850) } });
p.on('console', (m) => console.log('console:', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror:', e.message));
await p.goto(url);
await p.waitForFunction(() => ['ready','error'].includes(document.body.dataset.state), undefined, { timeout: 60000 });
if (js) { await p.evaluate(js); await p.waitForTimeout(1500); }
console.log(JSON.stringify(await p.evaluate(() => ({...document.body.dataset}))));
await p.screenshot({ path: out });
await b.close();
