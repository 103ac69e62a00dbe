// Rasterises public/favicon.svg into the PNG icons the web app manifest and browsers ask for, using the
// Chromium that the e2e tests already use (no image library, no network). Run once after changing the logo:
//   node scripts/make-icons.mjs
// and commit the files it writes under public/ (the build copies them as they are).
/* global Image, btoa, document -- used inside page.evaluate, which runs in the browser */
import { Buffer } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const LOGO = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
/** The logo's own fill: maskable and Apple icons are opaque and bleed this colour to the edges. */
const BACKGROUND = '#4f46e5';
/**
 * A maskable icon may be cropped to any shape that contains the centre circle of radius 40% of its size
 * (https://www.w3.org/TR/appmanifest/#icon-masks); the logo's content is drawn at 80% so it stays inside.
 */
const MASKABLE_SCALE = 0.8;

/** Icons: file under public/, size in px, and how the logo sits on it. */
const ICONS = [
  { file: 'icons/icon-192.png', size: 192, style: 'any' },
  { file: 'icons/icon-512.png', size: 512, style: 'any' },
  { file: 'icons/maskable-512.png', size: 512, style: 'maskable' },
  { file: 'icons/maskable-192.png', size: 192, style: 'maskable' },
  // iOS rounds the corners itself and shows transparency as black: opaque, logo edge to edge.
  { file: 'icons/apple-touch-icon-180.png', size: 180, style: 'opaque' },
  { file: 'icons/favicon-32.png', size: 32, style: 'any' },
  { file: 'icons/favicon-16.png', size: 16, style: 'any' },
];

/** An SVG that draws the logo at `scale` on a full-bleed background (or on transparency for 'any'). */
function iconSvg(style) {
  if (style === 'any') return LOGO;
  const scale = style === 'maskable' ? MASKABLE_SCALE : 1;
  const logo = `data:image/svg+xml;base64,${Buffer.from(LOGO).toString('base64')}`;
  const offset = (64 * (1 - scale)) / 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">` +
    `<rect width="64" height="64" fill="${BACKGROUND}"/>` +
    `<image href="${logo}" x="${offset}" y="${offset}" width="${64 * scale}" height="${64 * scale}"/></svg>`
  );
}

/** A .ico that holds PNG images (supported by every browser since IE Vista): 6-byte header + 16-byte entries. */
function icoFromPngs(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type 1: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const entry = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map(({ png }) => png)]);
}

const browser = await chromium.launch({ executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const written = new Map();
for (const { file, size, style } of ICONS) {
  const svg = iconSvg(style);
  const base64 = await page.evaluate(
    async ({ svg, size }) => {
      const image = new Image(size, size);
      image.src = `data:image/svg+xml;base64,${btoa(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = size;
      const context = canvas.getContext('2d');
      context.imageSmoothingQuality = 'high';
      context.drawImage(image, 0, 0, size, size);
      return canvas.toDataURL('image/png').split(',')[1];
    },
    { svg, size },
  );
  const png = Buffer.from(base64, 'base64');
  writeFileSync(new URL(`../public/${file}`, import.meta.url), png);
  written.set(file, { size, png });
  console.log(`public/${file}: ${size}×${size}, ${png.length} bytes`);
}
await browser.close();

const ico = icoFromPngs([written.get('icons/favicon-16.png'), written.get('icons/favicon-32.png')]);
writeFileSync(new URL('../public/favicon.ico', import.meta.url), ico);
console.log(`public/favicon.ico: 16 + 32 px, ${ico.length} bytes`);
