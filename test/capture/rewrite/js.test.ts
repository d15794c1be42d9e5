// ES modules: which imports a module has (es-module-lexer) and how they are rewritten (pure: no network).
import { describe, expect, it } from 'vitest';
import { templateModule } from '../../../src/capture/rewrite/js.ts';
import { fillTemplate, TemplateBuilder } from '../../../src/capture/rewrite/template.ts';

const BASE = 'https://ex.com/js/app/main.js';

function lex(text: string, local: (u: string) => string | undefined = (u) => (new URL(u).host === 'ex.com' ? new URL(u).pathname.slice(1) : undefined)) {
  const builder = new TemplateBuilder();
  const { text: templated, refs } = templateModule(text, BASE, builder);
  return { refs, out: fillTemplate(builder.build(templated), local) };
}

describe('ES modules', () => {
  it('static imports and re-exports, import() of a literal; bare specifiers, computed import() and lookalikes in strings and comments left alone', () => {
    const { refs, out } = lex(
      `import a from './a.js';\nexport * from "../lib/b.js";\nimport 'lodash';\n// import x from './comment.js'\n` +
        `const s = "import y from './string.js'";\nconst d = import('./d.js');\nconst t = import(\`/t.js\`);\nconst c = import('./' + name);\n` +
        `import data from './data.json' with { type: 'json' };\nimport sheet from './s.css' with { type: 'css' };\nimport ext from 'https://cdn.example/x.js';`,
    );
    expect(refs).toEqual([
      { url: 'https://ex.com/js/app/a.js', kind: 'module' },
      { url: 'https://ex.com/js/lib/b.js', kind: 'module' },
      { url: 'https://ex.com/js/app/d.js', kind: 'module' },
      { url: 'https://ex.com/t.js', kind: 'module' },
      { url: 'https://ex.com/js/app/data.json', kind: 'asset' },
      { url: 'https://ex.com/js/app/s.css', kind: 'stylesheet' },
      { url: 'https://cdn.example/x.js', kind: 'module' },
    ]);
    expect(out).toBe(
      `import a from './js/app/a.js';\nexport * from "./js/lib/b.js";\nimport 'lodash';\n// import x from './comment.js'\n` +
        `const s = "import y from './string.js'";\nconst d = import("./js/app/d.js");\nconst t = import("./t.js");\nconst c = import('./' + name);\n` +
        `import data from './js/app/data.json' with { type: 'json' };\nimport sheet from './js/app/s.css' with { type: 'css' };\nimport ext from 'https://cdn.example/x.js';`,
    );
  });

  it('a path is written as a specifier (./ first) and escaped for the string it is in', () => {
    const { out } = lex(`import a from './a.js';`, () => "it's/a\\b.js");
    expect(out).toBe(`import a from './it\\u0027s/a\\u005cb.js';`);
    expect(lex(`import a from './a.js';`, () => '../up.js').out).toBe(`import a from '../up.js';`);
  });

  it('text the lexer cannot read throws (the capture then stores the file as it came)', () => {
    expect(() => lex('import { from ;;; "')).toThrow();
  });
});
