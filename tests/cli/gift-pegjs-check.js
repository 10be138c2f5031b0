// SPDX-License-Identifier: GPL-3.0-or-later
// Parses a GIFT file with gift-pegjs (the reference parser named in
// docs/formats.md) and checks it holds the expected number of questions.
// Usage: node gift-pegjs-check.js FILE COUNT. Exit 0 ok, 1 mismatch or
// syntax error (printed with its line and column), 77 when gift-pegjs is missing.
'use strict';
const fs = require('fs');
let gift;
try {
    gift = require('gift-pegjs');
} catch (e) {
    console.error('gift-pegjs is not installed');
    process.exit(77);
}
const [file, want] = process.argv.slice(2);
let text = fs.readFileSync(file, 'utf8');
if (text.charCodeAt(0) === 0xfeff)
    text = text.slice(1); // gift-pegjs does not strip a BOM
let parsed;
try {
    parsed = gift.parse(text);
} catch (e) {
    const at = e.location ? `${e.location.start.line}:${e.location.start.column}` : '?';
    console.log(`${file}:${at}: gift-pegjs: ${e.message}`);
    process.exit(1);
}
const questions = parsed.filter((q) => q.type !== 'Category');
const kinds = {};
for (const q of questions)
    kinds[q.type] = (kinds[q.type] || 0) + 1;
console.log(`${file}: ${questions.length} questions ${JSON.stringify(kinds)}`);
process.exit(String(questions.length) === want ? 0 : 1);
