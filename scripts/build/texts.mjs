// German and Russian texts as files of their own, so the main wasm carries English only
// and a page speaks another language by fetching its ~5 KB (boot.js asks at once, beside
// the wasm). The source stays src/i18n/de.rs and ru.rs (one exhaustive match each); each
// file is their texts in the order of `messages!` in src/i18n/mod.rs, as the app indexes
// them (src/i18n/files.rs), under a content-hashed name named in a <meta> of index.html.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const LANGUAGES = ["de", "ru"];

/** Writes each language's file into `dir` and returns `html` with their `<meta>`s. */
export function writeTexts(dir, root, html, publicUrl) {
  const order = messageOrder(readFileSync(path.join(root, "src/i18n/mod.rs"), "utf8"));
  const metas = LANGUAGES.map((lang) => {
    const source = path.join(root, `src/i18n/${lang}.rs`);
    const texts = textsOf(readFileSync(source, "utf8"), source);
    const list = order.map((name) => {
      if (!texts.has(name)) throw new Error(`${source}: no text for ${name}`);
      return texts.get(name);
    });
    if (texts.size !== order.length) throw new Error(`${source}: ${texts.size} texts for ${order.length} keys`);
    const bytes = Buffer.from(JSON.stringify(list));
    const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const name = `texts-${lang}-${hash}.json`;
    writeFileSync(path.join(dir, name), bytes);
    return `<meta name="rentdesk-texts-${lang}" content="${publicUrl}${name}" />`;
  });
  if (!html.includes("</head>")) throw new Error("index.html has no </head>");
  return html.replace("</head>", `\n    ${metas.join("\n    ")}\n  </head>`);
}

/** The keys of `messages! { … }`, in the order of the `Msg` enum. */
function messageOrder(code) {
  const block = code.match(/^messages! \{([^}]*)\}/m);
  if (!block) throw new Error("src/i18n/mod.rs has no messages! block");
  const names = block[1].split(/[\s,]+/).filter(Boolean);
  if (names.some((n) => !/^[A-Z]\w*$/.test(n))) throw new Error("messages! holds more than names");
  return names;
}

/** `Key => "text",` lines of a language's match. A line this does not read (an escape, a
 * text over two lines) fails the build through the count above, never ships a wrong text. */
function textsOf(code, source) {
  const texts = new Map();
  for (const [, name, literal] of code.matchAll(/^\s*(\w+) => ("[^"\\]*"),$/gm)) {
    if (texts.has(name)) throw new Error(`${source}: ${name} twice`);
    texts.set(name, JSON.parse(literal));
  }
  return texts;
}
